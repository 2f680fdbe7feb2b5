using ExternalDns.Core.Endpoints;
using ExternalDns.Providers.PowerDns.Api;

namespace ExternalDns.Providers.PowerDns;

/// <summary>Reads a zone's rrsets as endpoints (one per name and type), as upstream does.</summary>
public static class PowerDnsEndpointMapper
{
    /// <summary>
    /// One endpoint per rrset with at least one enabled record: name and CNAME-like targets without trailing dot
    /// (TXT, SRV and NAPTR data as stored), the rrset's TTL. ALIAS reads as CNAME; below the apex it also gets
    /// <c>alias=true</c>, so that a desired CNAME without it plans a change back to CNAME.
    /// </summary>
    public static List<Endpoint> ToEndpoints(PowerDnsZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var result = new List<Endpoint>();
        if (zone.RRsets is null)
        {
            return result;
        }

        var apex = DnsNames.Normalize(zone.Name);
        foreach (var rrset in zone.RRsets)
        {
            var targets = new List<string>();
            foreach (var record in rrset.Records ?? [])
            {
                if (!record.Disabled)
                {
                    targets.Add(record.Content);
                }
            }

            if (targets.Count == 0 || string.IsNullOrEmpty(rrset.Name) || string.IsNullOrEmpty(rrset.Type))
            {
                continue; // comments-only or fully disabled rrsets are not visible records
            }

            var isAlias = rrset.Type == PowerDnsRecordTypes.Alias;
            var type = isAlias ? RecordTypes.CNAME : rrset.Type;
            var endpoint = new Endpoint(rrset.Name, type, rrset.Ttl ?? 0, targets);
            if (isAlias && DnsNames.Normalize(rrset.Name) != apex)
            {
                endpoint.SetProviderSpecific(PowerDnsRecordTypes.AliasProperty, "true");
            }

            result.Add(endpoint);
        }

        return result;
    }
}

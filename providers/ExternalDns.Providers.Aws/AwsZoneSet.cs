using ExternalDns.Core.Endpoints;

namespace ExternalDns.Providers.Aws;

/// <summary>The managed zones at one moment, with the lookups the write path needs.</summary>
internal sealed class AwsZoneSet
{
    public AwsZoneSet(IReadOnlyList<AwsZone> zones, DateTimeOffset listedAt)
    {
        Zones = zones;
        ListedAt = listedAt;
        ById = zones.GroupBy(z => z.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        // No managed zone: a filter that matches no real name ("invalid" is reserved, RFC 6761), so nothing is planned.
        DomainFilter = zones.Count == 0 ? new DomainFilter(["invalid"]) : new DomainFilter(zones.Select(z => z.Name).Distinct(StringComparer.Ordinal));
    }

    public IReadOnlyList<AwsZone> Zones { get; }

    public DateTimeOffset ListedAt { get; }

    public IReadOnlyDictionary<string, AwsZone> ById { get; }

    public DomainFilter DomainFilter { get; }

    /// <summary>Upstream's <c>suitableZones</c>: every private zone containing the name plus the best (longest) public one.</summary>
    public List<AwsZone> Suitable(string dnsName)
    {
        var name = DnsNames.Normalize(dnsName);
        var result = new List<AwsZone>();
        AwsZone? bestPublic = null;
        foreach (var zone in Zones)
        {
            if (name != zone.Name && !name.EndsWith("." + zone.Name, StringComparison.Ordinal))
            {
                continue;
            }

            if (zone.Zone.IsPrivate)
            {
                result.Add(zone);
            }
            else if (bestPublic is null || zone.Name.Length > bestPublic.Name.Length)
            {
                bestPublic = zone;
            }
        }

        if (bestPublic is not null)
        {
            result.Add(bestPublic);
        }

        return result;
    }
}

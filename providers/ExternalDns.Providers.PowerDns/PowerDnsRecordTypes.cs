using ExternalDns.Core.Endpoints;

namespace ExternalDns.Providers.PowerDns;

/// <summary>How ExternalDNS record types map onto PowerDNS rrsets (upstream <c>provider/pdns</c>).</summary>
public static class PowerDnsRecordTypes
{
    /// <summary>PowerDNS's ALIAS type: a CNAME-like record allowed at the zone apex, resolved by the server.</summary>
    public const string Alias = "ALIAS";

    /// <summary>The provider-specific property that asks for an ALIAS instead of a CNAME (value <c>true</c>).</summary>
    public const string AliasProperty = "alias";

    /// <summary>TTL written when an endpoint has none (upstream: 300 s).</summary>
    public const long DefaultTtl = 300;

    private static readonly HashSet<string> TrailingDotTypes = new(StringComparer.Ordinal)
    {
        RecordTypes.CNAME, RecordTypes.DNAME, RecordTypes.MX, RecordTypes.SRV, RecordTypes.NS, RecordTypes.PTR, Alias,
    };

    /// <summary>True when the record data of this PowerDNS type ends in a host name that must be absolute.</summary>
    public static bool NeedsTrailingDot(string pdnsType) => TrailingDotTypes.Contains(pdnsType);

    /// <summary>True when the endpoint carries <c>alias=true</c>.</summary>
    public static bool HasAliasProperty(Endpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return string.Equals(endpoint.GetProviderSpecific(AliasProperty), "true", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The PowerDNS type an endpoint is stored as: a CNAME becomes ALIAS at the zone apex or with <c>alias=true</c>;
    /// every other type is kept.
    /// </summary>
    public static string ToPowerDnsType(Endpoint endpoint, bool atApex)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.RecordType == RecordTypes.CNAME && (atApex || HasAliasProperty(endpoint)) ? Alias : endpoint.RecordType;
    }

    /// <summary>A target as PowerDNS wants it: absolute (trailing dot) for name-valued types, unchanged otherwise.</summary>
    public static string ToContent(string pdnsType, string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return NeedsTrailingDot(pdnsType) && !target.EndsWith('.') ? target + "." : target;
    }
}

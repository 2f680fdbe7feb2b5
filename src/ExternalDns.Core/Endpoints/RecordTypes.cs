namespace ExternalDns.Core.Endpoints;

/// <summary>DNS record type names as ExternalDNS spells them.</summary>
public static class RecordTypes
{
    public const string A = "A";
    public const string AAAA = "AAAA";
    public const string CNAME = "CNAME";
    public const string TXT = "TXT";
    public const string SRV = "SRV";
    public const string NS = "NS";
    public const string PTR = "PTR";
    public const string MX = "MX";
    public const string NAPTR = "NAPTR";
    public const string DNAME = "DNAME";

    /// <summary>Every record type ExternalDNS knows, in its order.</summary>
    public static IReadOnlyList<string> Known { get; } = [A, AAAA, CNAME, TXT, SRV, NS, PTR, MX, NAPTR, DNAME];

    /// <summary>The record types managed when <c>--managed-record-types</c> is not given.</summary>
    public static IReadOnlyList<string> DefaultManaged { get; } = [A, AAAA, CNAME];

    /// <summary>Returns the canonical (upper-case) spelling of a known record type, or null.</summary>
    public static string? Canonical(string? recordType)
    {
        if (string.IsNullOrWhiteSpace(recordType))
        {
            return null;
        }

        foreach (var known in Known)
        {
            if (string.Equals(known, recordType.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return null;
    }

    /// <summary>
    /// The record type for one target, as upstream's SuitableType: IPv4 gives A, IPv6 gives AAAA, anything else CNAME.
    /// </summary>
    public static string ForTarget(string target)
    {
        if (IpAddresses.TryParse(target, out var ip))
        {
            return ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? AAAA : A;
        }

        return CNAME;
    }
}

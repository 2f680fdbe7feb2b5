using System.Net;
using System.Net.Sockets;
using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Sources;

/// <summary>
/// Upstream's NAT64 source wrapper (<c>source/wrappers/nat64source.go</c>, <c>--nat64-networks</c>): for every AAAA
/// endpoint with targets inside a NAT64 /96 prefix, an A endpoint (a copy: same name, TTL, labels and properties) whose
/// targets are the IPv4 addresses embedded in the last 32 bits of those targets.
/// </summary>
public static class Nat64Records
{
    /// <summary>Parses <c>--nat64-networks</c> values; each must be an IPv6 /96 prefix.</summary>
    public static IReadOnlyList<IPNetwork> ParsePrefixes(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new List<IPNetwork>();
        foreach (var value in values)
        {
            if (!Cidr.TryParse(value, out var network))
            {
                throw new FormatException($"\"{value}\" is not a network in CIDR notation (example: 64:ff9b::/96)");
            }

            if (network.BaseAddress.AddressFamily != AddressFamily.InterNetworkV6 || network.PrefixLength != 96)
            {
                throw new FormatException($"\"{value}\": NAT64 prefixes need to be IPv6 /96 prefixes");
            }

            result.Add(network);
        }

        return result;
    }

    public static List<Endpoint> Translate(IReadOnlyList<Endpoint> endpoints, IReadOnlyList<IPNetwork> prefixes)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefixes);
        var result = new List<Endpoint>();
        if (prefixes.Count == 0)
        {
            return result;
        }

        foreach (var e in endpoints)
        {
            if (e.RecordType != RecordTypes.AAAA)
            {
                continue;
            }

            var v4 = new List<string>();
            foreach (var target in e.Targets)
            {
                if (IpAddresses.TryParse(target, out var ip) && prefixes.Any(p => p.Contains(ip)))
                {
                    v4.Add(new IPAddress(ip.GetAddressBytes()[12..16]).ToString());
                }
            }

            if (v4.Count == 0)
            {
                continue;
            }

            var copy = e.Clone();
            copy.RecordType = RecordTypes.A;
            copy.Targets = new Targets(v4);
            result.Add(copy);
        }

        return result;
    }
}

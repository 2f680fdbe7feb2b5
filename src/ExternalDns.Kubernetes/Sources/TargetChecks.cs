using System.Net;
using ExternalDns.Core.Endpoints;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>Checks a target for an A, AAAA or CNAME record: an IP address or a valid host name.</summary>
public static class TargetChecks
{
    /// <summary>Null when valid, otherwise the reason.</summary>
    public static string? Validate(string target)
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            return "is empty";
        }

        if (target.Contains('%', StringComparison.Ordinal))
        {
            return "is not an IP address or a host name";
        }

        if (IpAddresses.TryParse(target, out _))
        {
            return null;
        }

        var name = target.EndsWith('.') ? target[..^1] : target;
        if (LooksNumeric(name))
        {
            return "is not a valid IP address";
        }

        return DnsNames.Validate(name) is { } reason ? $"is not an IP address or a valid host name ({reason})" : null;
    }

    // "10.0.0" or "300.1.1.1" parse oddly or not at all; a name made only of digits and dots is a broken IP, not a host.
    private static bool LooksNumeric(string s) => s.Length > 0 && s.All(c => char.IsAsciiDigit(c) || c == '.');
}

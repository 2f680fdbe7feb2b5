using ExternalDns.Core.Endpoints;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>
/// The Gateway API rules upstream's gateway sources apply (source/gateway.go): host name intersection between a
/// listener and a route, protocol compatibility, and RFC 1123 host validation.
/// </summary>
public static class GatewayMatching
{
    /// <summary>
    /// The most specific host two host names (a listener's and a route's) share, or null when they do not overlap.
    /// An empty name matches anything; <c>*.example.org</c> matches names one or more labels below example.org but not
    /// example.org itself; IP addresses and invalid names match nothing. The result is lower-cased (ASCII).
    /// </summary>
    public static string? MatchingHost(string? a, string? b)
    {
        if (Canonical(a) is not { } x || Canonical(b) is not { } y)
        {
            return null;
        }

        if (x.Length == 0)
        {
            return y;
        }

        if (y.Length == 0 || x == y)
        {
            return x;
        }

        // x becomes the shorter one (or the wildcard one when both are as long).
        if (y.Length < x.Length || (x.Length == y.Length && y.StartsWith("*.", StringComparison.Ordinal)))
        {
            (x, y) = (y, x);
        }

        return x.StartsWith("*.", StringComparison.Ordinal) && y.EndsWith(x[1..], StringComparison.Ordinal) ? y : null;
    }

    /// <summary>
    /// Whether a route of protocol <paramref name="route"/> attaches to a listener of protocol <paramref name="listener"/>:
    /// HTTP and HTTPS are the same; a TCP route also attaches to a TLS listener (not the other way round).
    /// </summary>
    public static bool ProtocolMatches(string? route, string? listener)
    {
        var a = route == "HTTPS" ? "HTTP" : route;
        var b = listener == "HTTPS" ? "HTTP" : listener;
        if (a == "TCP" && b == "TLS")
        {
            b = "TCP";
        }

        return a == b;
    }

    /// <summary>A valid RFC 1123 domain (letters, digits and '-' per label, 1-63 characters per label, at most 255 in all).</summary>
    public static bool IsDns1123Domain(string? s)
    {
        if (string.IsNullOrEmpty(s) || s.Length > 255)
        {
            return false;
        }

        foreach (var label in s.Split('.'))
        {
            if (!IsDns1123Label(label))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The canonical (lower-case) host, "" for an empty one, or null when it is an IP address or not a valid (wildcard) domain.</summary>
    internal static string? Canonical(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return string.Empty;
        }

        if (RecordTypes.ForTarget(host) != RecordTypes.CNAME)
        {
            return null;
        }

        var domain = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
        return IsDns1123Domain(domain) ? ToLowerAscii(host) : null;
    }

    private static bool IsDns1123Label(string s)
    {
        if (s.Length is 0 or > 63 || !char.IsAsciiLetterOrDigit(s[0]) || !char.IsAsciiLetterOrDigit(s[^1]))
        {
            return false;
        }

        for (var i = 1; i < s.Length - 1; i++)
        {
            if (s[i] != '-' && !char.IsAsciiLetterOrDigit(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string ToLowerAscii(string s) => string.Create(s.Length, s, (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c;
        }
    });
}

using System.Net;
using System.Net.Sockets;

namespace ExternalDns.Core.Endpoints;

/// <summary>
/// IP address parsing with Go's strictness (<c>net.ParseIP</c>): IPv4 only as four decimal octets without leading zeros,
/// IPv6 without a zone. .NET's <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> also accepts forms such as
/// <c>1.2.3</c> or <c>0x7f.1</c>, which upstream treats as host names (CNAME).
/// </summary>
public static class IpAddresses
{
    public static bool TryParse(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrEmpty(text) || text.Contains('%', StringComparison.Ordinal))
        {
            return false;
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            if (IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6)
            {
                address = v6;
                return true;
            }

            return false;
        }

        return IsDottedQuad(text) && IPAddress.TryParse(text, out address!);
    }

    private static bool IsDottedQuad(string text)
    {
        var parts = 0;
        var digits = 0;
        var value = 0;
        var leadingZero = false;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (digits == 0)
                {
                    return false;
                }

                parts++;
                digits = 0;
                value = 0;
                continue;
            }

            if (!char.IsAsciiDigit(c) || (leadingZero && digits > 0))
            {
                return false;
            }

            leadingZero = digits == 0 && c == '0';
            value = (value * 10) + (c - '0');
            if (++digits > 3 || value > 255)
            {
                return false;
            }
        }

        return digits > 0 && parts == 3;
    }
}

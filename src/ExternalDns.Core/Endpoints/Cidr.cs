using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ExternalDns.Core.Endpoints;

/// <summary>
/// CIDR notation as Go's <c>net.ParseCIDR</c> reads it: <c>address/bits</c>, host bits allowed and masked away
/// (<c>10.1.2.3/8</c> is <c>10.0.0.0/8</c>).
/// </summary>
public static class Cidr
{
    public static bool TryParse(string? text, out IPNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !IpAddresses.TryParse(trimmed[..slash], out var address)
            || !int.TryParse(trimmed[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var bits))
        {
            return false;
        }

        var width = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (bits > width)
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(bits - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        network = new IPNetwork(new IPAddress(bytes), bits);
        return true;
    }
}

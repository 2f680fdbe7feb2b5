using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ExternalDns.Core.Endpoints;

/// <summary>Reverse-lookup names (RFC 1035 <c>in-addr.arpa</c>, RFC 3596 <c>ip6.arpa</c>), as Go's <c>dns.ReverseAddr</c>.</summary>
public static class ReverseNames
{
    /// <summary><c>192.0.2.10</c> → <c>10.2.0.192.in-addr.arpa</c>; an IPv6 address → its 32 nibbles reversed under <c>ip6.arpa</c>.</summary>
    public static string For(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var bytes = address.GetAddressBytes();
        var sb = new StringBuilder();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            for (var i = bytes.Length - 1; i >= 0; i--)
            {
                sb.Append(bytes[i].ToString(CultureInfo.InvariantCulture)).Append('.');
            }

            return sb.Append("in-addr.arpa").ToString();
        }

        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            sb.Append("0123456789abcdef"[bytes[i] & 0xF]).Append('.').Append("0123456789abcdef"[bytes[i] >> 4]).Append('.');
        }

        return sb.Append("ip6.arpa").ToString();
    }
}

using ExternalDns.Dns.Messages;
using ExternalDns.Dns.Records;

namespace ExternalDns.Providers.Rfc2136;

/// <summary>
/// The provider's narrow wire seam: send one UPDATE, transfer one zone. The default implementation is
/// <see cref="DnsClientRfc2136Transport"/>; tests or another DNS library can replace it.
/// Implementations sign with TSIG themselves and throw <see cref="TimeoutException"/>, <see cref="IOException"/>,
/// <see cref="System.Net.Sockets.SocketException"/>, <see cref="ExternalDns.Dns.DnsFormatException"/>,
/// <see cref="ExternalDns.Dns.Tsig.DnsTsigException"/> or <see cref="ExternalDns.Dns.Client.DnsResponseException"/>.
/// </summary>
public interface IRfc2136Transport
{
    /// <summary>Sends an UPDATE message and returns the server's response (whatever its RCODE).</summary>
    Task<DnsMessage> SendUpdateAsync(DnsMessage update, CancellationToken cancellationToken);

    /// <summary>Transfers a zone (AXFR): its records without the closing SOA.</summary>
    Task<IReadOnlyList<DnsResourceRecord>> TransferZoneAsync(string zone, CancellationToken cancellationToken);
}

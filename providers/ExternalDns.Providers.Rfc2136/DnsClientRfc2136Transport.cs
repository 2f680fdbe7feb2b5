using System.Net.Sockets;
using ExternalDns.Dns;
using ExternalDns.Dns.Client;
using ExternalDns.Dns.Messages;
using ExternalDns.Dns.Records;
using ExternalDns.Dns.Tsig;

namespace ExternalDns.Providers.Rfc2136;

/// <summary>
/// The default transport: <see cref="DnsClient"/> over TCP (as upstream), one client per host. When a host does not
/// answer (timeout, connection refused, broken response) the next one is tried, and the last host that worked is
/// tried first next time (upstream's "disabled" load-balancing strategy: failover only).
/// </summary>
public sealed class DnsClientRfc2136Transport : IRfc2136Transport
{
    private readonly DnsClient[] _clients;
    private int _current;

    public DnsClientRfc2136Transport(IEnumerable<DnsClientOptions> servers, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(servers);
        _clients = [.. servers.Select(s => new DnsClient(s, timeProvider))];
        if (_clients.Length == 0)
        {
            throw new ArgumentException("At least one DNS server is required.", nameof(servers));
        }
    }

    /// <summary>Builds the clients from the provider options (hosts, port, timeout) and the TSIG key (null when insecure).</summary>
    public static DnsClientRfc2136Transport Create(Rfc2136ProviderOptions options, TsigKey? key, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DnsClientRfc2136Transport(
            options.Hosts.Select(h => new DnsClientOptions
            {
                Host = h,
                Port = options.EffectivePort,
                Timeout = options.Timeout,
                TsigKey = key,
                UseTcp = true,
            }),
            timeProvider);
    }

    public Task<DnsMessage> SendUpdateAsync(DnsMessage update, CancellationToken cancellationToken) =>
        WithFailoverAsync(c => c.ExchangeAsync(update, cancellationToken));

    public Task<IReadOnlyList<DnsResourceRecord>> TransferZoneAsync(string zone, CancellationToken cancellationToken) =>
        WithFailoverAsync(c => c.TransferZoneAsync(zone, cancellationToken));

    private async Task<T> WithFailoverAsync<T>(Func<DnsClient, Task<T>> action)
    {
        var start = Volatile.Read(ref _current);
        for (var i = 0; ; i++)
        {
            var index = (start + i) % _clients.Length;
            try
            {
                var result = await action(_clients[index]).ConfigureAwait(false);
                Volatile.Write(ref _current, index);
                return result;
            }
            catch (Exception e) when (i < _clients.Length - 1 && e is TimeoutException or SocketException or IOException or DnsFormatException)
            {
                // try the next host
            }
        }
    }
}

using System.Net.Security;
using ExternalDns.Dns.Client;
using ExternalDns.Dns.Messages;
using ExternalDns.Dns.Records;
using ExternalDns.Dns.Tsig;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Providers.Rfc2136;

/// <summary>
/// The default transport: <see cref="DnsClient"/> over TCP (as upstream; DNS over TLS with <c>--rfc2136-use-tls</c>),
/// one client per <c>--rfc2136-host</c>. Which host each attempt goes to is <see cref="Rfc2136LoadBalancer"/>'s choice
/// (<c>--rfc2136-load-balancing-strategy</c>). An attempt that fails (no answer, connection refused, TLS or TSIG
/// failure, a broken response, or an UPDATE answered with an error RCODE) is retried on the next host, each host at
/// most once per operation, as upstream. When every host failed, the last UPDATE response is returned (the provider
/// decides what its RCODE means) or, when no host answered, the last error is thrown.
/// </summary>
public sealed class DnsClientRfc2136Transport : IRfc2136Transport
{
    private readonly DnsClient[] _clients;
    private readonly string[] _names;
    private readonly Rfc2136LoadBalancer _balancer;
    private readonly ILogger _logger;

    public DnsClientRfc2136Transport(
        IEnumerable<DnsClientOptions> servers,
        TimeProvider? timeProvider = null,
        Rfc2136LoadBalancingStrategy strategy = Rfc2136LoadBalancingStrategy.Disabled,
        ILogger? logger = null,
        Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var list = servers.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("At least one DNS server is required.", nameof(servers));
        }

        _clients = [.. list.Select(s => new DnsClient(s, timeProvider))];
        _names = [.. list.Select(s => $"{s.Host}:{s.Port}")];
        _balancer = new Rfc2136LoadBalancer(_clients.Length, strategy, random);
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The servers as host:port, in <c>--rfc2136-host</c> order.</summary>
    public IReadOnlyList<string> Servers => _names;

    /// <summary>Builds the clients from the provider options (hosts, port, timeout, TLS) and the signing (TSIG key or GSS-TSIG; none when insecure).</summary>
    public static DnsClientRfc2136Transport Create(
        Rfc2136ProviderOptions options,
        ITsigKey? key,
        TimeProvider? timeProvider = null,
        GssTsigOptions? gssTsig = null,
        SslClientAuthenticationOptions? tls = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DnsClientRfc2136Transport(
            options.Hosts.Select(h => new DnsClientOptions
            {
                Host = h,
                Port = options.EffectivePort,
                Timeout = options.Timeout,
                TsigKey = key,
                GssTsig = gssTsig,
                Tls = tls,
                UseTcp = true,
            }),
            timeProvider,
            options.LoadBalancingStrategy,
            logger);
    }

    /// <summary>The number of messages sent to the host at <paramref name="index"/> (<c>--rfc2136-host</c> order).</summary>
    public long MessagesSentTo(int index) => _clients[index].MessagesSent;

    public async Task<DnsMessage> SendUpdateAsync(DnsMessage update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        var attempts = _balancer.Begin(Rfc2136Operation.Update);
        DnsMessage? lastResponse = null;
        Exception? lastError = null;
        while (attempts.TryNext(out var index))
        {
            try
            {
                var response = await _clients[index].ExchangeAsync(update, cancellationToken).ConfigureAwait(false);
                if (response.ResponseCode == DnsResponseCode.NoError)
                {
                    return response;
                }

                lastResponse = response;
                Failed(attempts, index, Rfc2136Operation.Update, response.ResponseCode.ToString());
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                lastError = e;
                Failed(attempts, index, Rfc2136Operation.Update, e.Message);
            }
        }

        return lastResponse ?? throw lastError!;
    }

    public async Task<IReadOnlyList<DnsResourceRecord>> TransferZoneAsync(string zone, CancellationToken cancellationToken)
    {
        var attempts = _balancer.Begin(Rfc2136Operation.Transfer);
        Exception? lastError = null;
        while (attempts.TryNext(out var index))
        {
            try
            {
                return await _clients[index].TransferZoneAsync(zone, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                lastError = e;
                Failed(attempts, index, Rfc2136Operation.Transfer, e.Message);
            }
        }

        throw lastError!;
    }

    private void Failed(Rfc2136LoadBalancer.Attempts attempts, int index, Rfc2136Operation operation, string reason)
    {
        attempts.Failed();
        if (_clients.Length > 1)
        {
            Rfc2136Log.HostFailed(_logger, operation, _names[index], reason);
        }
    }
}

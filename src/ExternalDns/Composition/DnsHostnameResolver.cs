using System.Globalization;
using System.Net;
using ExternalDns.Core.Configuration;
using ExternalDns.Core.Sources;
using ExternalDns.Dns.Client;
using ExternalDns.Dns.Messages;
using ExternalDns.Dns.Records;

namespace ExternalDns.Composition;

/// <summary>
/// Resolves load-balancer host names (<c>--resolve-service-load-balancer-hostname</c>): through the DNS server of
/// <c>--load-balancer-hostname-resolver</c> (A and AAAA queries with recursion desired; every address in the answers,
/// CNAME chains included), or the system resolver when none is given (as upstream's <c>net.LookupIP</c>). A name
/// without any address, or a server that does not answer NOERROR, is an error: the caller keeps the records.
/// </summary>
public sealed class DnsHostnameResolver : IHostnameResolver
{
    private readonly DnsClient? _client;

    private DnsHostnameResolver(DnsClient? client) => _client = client;

    /// <summary>From the flag's value: empty for the system resolver, else <c>host</c> or <c>host:port</c> (port 53 by default).</summary>
    public static DnsHostnameResolver FromFlag(string server)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (server.Length == 0)
        {
            return new DnsHostnameResolver(null);
        }

        string host = server;
        var port = 53;
        if (IPAddress.TryParse(server, out _))
        {
            // An address alone (IPv6 included): port 53.
        }
        else if (IPEndPoint.TryParse(server, out var endpoint))
        {
            host = endpoint.Address.ToString();
            port = endpoint.Port;
        }
        else if (server.LastIndexOf(':') is var colon and > 0)
        {
            host = server[..colon];
            port = int.TryParse(server[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : -1;
        }

        if (host.Length == 0 || port is < 1 or > 65535)
        {
            throw new FlagException($"--load-balancer-hostname-resolver: \"{server}\" is not a DNS server (host or host:port)");
        }

        return new DnsHostnameResolver(new DnsClient(new DnsClientOptions { Host = host, Port = port, Timeout = TimeSpan.FromSeconds(5) }));
    }

    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string hostname, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hostname);
        List<IPAddress> result;
        if (_client is null)
        {
            result = [.. await System.Net.Dns.GetHostAddressesAsync(hostname, cancellationToken).ConfigureAwait(false)];
        }
        else
        {
            result = [];
            foreach (var type in (DnsRecordType[])[DnsRecordType.A, DnsRecordType.AAAA])
            {
                var request = new DnsMessage { RecursionDesired = true };
                request.Questions.Add(new DnsQuestion(hostname, type));
                var response = await _client.ExchangeAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.ResponseCode != DnsResponseCode.NoError)
                {
                    throw new DnsResponseException($"{type} query for {hostname}: {response.ResponseCode}", response.ResponseCode);
                }

                result.AddRange(response.Answers.Select(a => a.Data).OfType<AddressRecordData>().Select(d => d.Address));
            }
        }

        return result.Count > 0 ? result : throw new DnsResponseException($"{hostname} has no A or AAAA records");
    }
}

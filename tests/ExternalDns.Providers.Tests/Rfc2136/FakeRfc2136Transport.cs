using ExternalDns.Dns.Messages;
using ExternalDns.Dns.Records;
using ExternalDns.Providers.Rfc2136;

namespace ExternalDns.Providers.Tests.Rfc2136;

/// <summary>Records the UPDATE messages it is given; answers with a configurable RCODE or exception.</summary>
public sealed class FakeRfc2136Transport : IRfc2136Transport
{
    public List<DnsMessage> Updates { get; } = [];

    public Dictionary<string, List<DnsResourceRecord>> Zones { get; } = new(StringComparer.Ordinal);

    public DnsResponseCode ResponseCode { get; set; } = DnsResponseCode.NoError;

    public Exception? Throw { get; set; }

    public Task<DnsMessage> SendUpdateAsync(DnsMessage update, CancellationToken cancellationToken)
    {
        Updates.Add(update);
        if (Throw is not null)
        {
            throw Throw;
        }

        return Task.FromResult(new DnsMessage { Id = update.Id, IsResponse = true, Opcode = DnsOpcode.Update, ResponseCode = ResponseCode });
    }

    public Task<IReadOnlyList<DnsResourceRecord>> TransferZoneAsync(string zone, CancellationToken cancellationToken)
    {
        if (Throw is not null)
        {
            throw Throw;
        }

        return Task.FromResult<IReadOnlyList<DnsResourceRecord>>(Zones.TryGetValue(zone, out var records) ? records : []);
    }
}

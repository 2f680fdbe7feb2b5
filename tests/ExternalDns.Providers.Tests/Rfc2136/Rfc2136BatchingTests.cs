using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Dns.Messages;
using ExternalDns.Dns.Records;
using ExternalDns.Providers.Rfc2136;
using ExternalDns.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Providers.Tests.Rfc2136;

/// <summary>How changes are cut into UPDATE messages and what happens when the server refuses some of them (fake wire seam).</summary>
public sealed class Rfc2136BatchingTests
{
    private static Rfc2136ProviderOptions Options(int batchSize = 50) => new()
    {
        Hosts = ["127.0.0.1"],
        Zones = ["example.org"],
        TsigKeyName = "externaldns-key",
        TsigSecret = "Cyoi7E388ajyeE4itCurrYABl8PruHXPzvWvj4fhuyo=",
        TsigSecretAlg = "hmac-sha256",
        BatchChangeSize = batchSize,
    };

    private static (Endpoint Record, Endpoint Txt) Owned(string name, string ip)
    {
        var record = new Endpoint($"{name}.example.org", RecordTypes.A, 300, [ip]);
        var txt = new Endpoint($"a-{name}.example.org", RecordTypes.TXT, 300, ["\"heritage=external-dns,external-dns/owner=default\""]);
        txt.Labels[Labels.OwnedRecordKey] = record.DnsName;
        return (record, txt);
    }

    private static Changes CreateOwned(int count, out List<Endpoint> all)
    {
        all = [];
        for (var i = 0; i < count; i++)
        {
            var (record, txt) = Owned($"h{i}", $"192.0.2.{i % 250}");
            all.Add(record);
            all.Add(txt);
        }

        // As the registry hands them over: every record, then every TXT.
        return new Changes { Create = [.. all.Where(e => e.RecordType == RecordTypes.A), .. all.Where(e => e.RecordType == RecordTypes.TXT)] };
    }

    private static List<string> Names(DnsMessage update) => [.. update.Updates.Select(r => r.Name.TrimEnd('.'))];

    [Fact]
    public async Task A_record_and_its_txt_travel_in_the_same_message()
    {
        var transport = new PolicyTransport();
        var provider = new Rfc2136Provider(Options(batchSize: 5), NullLogger<Rfc2136Provider>.Instance, transport: transport);

        await provider.ApplyChangesAsync(CreateOwned(12, out _), CancellationToken.None);

        Assert.Equal(6, transport.Accepted.Count); // 24 changes, 2 groups of 2 per message of at most 5
        Assert.All(transport.Accepted, m => Assert.True(m.Updates.Count <= 5));
        for (var i = 0; i < 12; i++)
        {
            var message = Assert.Single(transport.Accepted, m => Names(m).Contains($"h{i}.example.org"));
            Assert.Contains($"a-h{i}.example.org", Names(message));
        }
    }

    [Fact]
    public async Task A_group_larger_than_the_batch_size_is_sent_alone_not_split()
    {
        var transport = new PolicyTransport();
        var provider = new Rfc2136Provider(Options(batchSize: 1), NullLogger<Rfc2136Provider>.Instance, transport: transport);

        await provider.ApplyChangesAsync(CreateOwned(3, out _), CancellationToken.None);

        Assert.Equal(3, transport.Accepted.Count);
        Assert.All(transport.Accepted, m => Assert.Equal(2, m.Updates.Count));
    }

    [Fact]
    public async Task Big_records_are_cut_by_message_size()
    {
        var transport = new PolicyTransport();
        var provider = new Rfc2136Provider(Options(batchSize: 1000), NullLogger<Rfc2136Provider>.Instance, transport: transport);
        var value = new string('x', 4000);
        var creates = Enumerable.Range(0, 40).Select(i => new Endpoint($"big{i}.example.org", RecordTypes.TXT, 300, [value])).ToList();

        await provider.ApplyChangesAsync(new Changes { Create = creates }, CancellationToken.None);

        Assert.Equal(40, transport.Accepted.Sum(m => m.Updates.Count));
        Assert.True(transport.Accepted.Count >= 3, $"{transport.Accepted.Count} messages");
        Assert.All(transport.Accepted, m => Assert.True(m.Updates.Count * 4000 < Rfc2136Provider.MaxUpdateBytes));
    }

    [Fact]
    public async Task A_refused_name_is_split_out_every_other_change_lands_and_the_name_is_reported()
    {
        var transport = new PolicyTransport { Refuse = name => name is "h7.example.org" or "h30.example.org" };
        var logs = new ListLoggerFactory();
        var provider = new Rfc2136Provider(Options(batchSize: 50), new Logger<Rfc2136Provider>(logs), transport: transport);

        var e = await Assert.ThrowsAsync<ProviderTransientException>(() => provider.ApplyChangesAsync(CreateOwned(40, out var all), CancellationToken.None));

        var landed = transport.Accepted.SelectMany(Names).ToList();
        Assert.Equal(76, landed.Count); // 80 changes but the two refused records and their TXT
        Assert.Equal(landed.Count, landed.Distinct().Count());
        Assert.DoesNotContain("h7.example.org", landed);
        Assert.DoesNotContain("a-h7.example.org", landed); // never a TXT without its record
        Assert.DoesNotContain("a-h30.example.org", landed);
        Assert.Contains("4 of 80 changes rejected", e.Message, StringComparison.Ordinal);
        Assert.Contains("h7.example.org (Refused)", e.Message, StringComparison.Ordinal);
        Assert.Contains("h30.example.org (Refused)", e.Message, StringComparison.Ordinal);
        Assert.Contains(logs.Entries, l => l.Level == LogLevel.Warning && l.Message.Contains("rejected the change of h7.example.org (Refused)", StringComparison.Ordinal));

        // 2 batches of 25 groups (+ 15): O(invalid × log n) messages, not one per group.
        Assert.InRange(provider.UpdateMessagesSent, 3, 2 + (2 * 2 * 5));
    }

    [Fact]
    public async Task When_everything_is_refused_it_is_a_configuration_error()
    {
        var transport = new PolicyTransport { Refuse = _ => true };
        var provider = new Rfc2136Provider(Options(batchSize: 50), NullLogger<Rfc2136Provider>.Instance, transport: transport);

        var e = await Assert.ThrowsAsync<ProviderConfigurationException>(() => provider.ApplyChangesAsync(CreateOwned(4, out _), CancellationToken.None));

        Assert.Contains("'example.org'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Refused", e.Message, StringComparison.Ordinal);
        Assert.Empty(transport.Accepted);
    }

    [Fact]
    public async Task Servfail_is_transient_and_does_not_split()
    {
        var transport = new PolicyTransport { Code = DnsResponseCode.ServFail };
        var provider = new Rfc2136Provider(Options(batchSize: 50), NullLogger<Rfc2136Provider>.Instance, transport: transport);

        await Assert.ThrowsAsync<ProviderTransientException>(() => provider.ApplyChangesAsync(CreateOwned(10, out _), CancellationToken.None));

        Assert.Equal(1, provider.UpdateMessagesSent);
    }

    [Fact]
    public async Task A_delete_and_a_create_of_the_same_name_keep_their_order()
    {
        var transport = new PolicyTransport();
        var provider = new Rfc2136Provider(Options(), NullLogger<Rfc2136Provider>.Instance, transport: transport);

        await provider.ApplyChangesAsync(
            new Changes
            {
                Delete = [new Endpoint("swap.example.org", RecordTypes.CNAME, 300, ["lb.example.net"])],
                Create = [new Endpoint("other.example.org", RecordTypes.A, 300, ["192.0.2.2"]), new Endpoint("swap.example.org", RecordTypes.A, 300, ["192.0.2.1"])],
            },
            CancellationToken.None);

        var message = Assert.Single(transport.Accepted);
        var swap = message.Updates.Where(r => r.Name.TrimEnd('.') == "swap.example.org").ToList();
        Assert.Equal([DnsRecordType.CNAME, DnsRecordType.A], swap.Select(r => r.Type));
        Assert.Equal(DnsClass.NONE, swap[0].Class); // delete
        Assert.Equal(DnsClass.IN, swap[1].Class); // add
    }

    /// <summary>Answers REFUSED to any UPDATE that touches a refused name, else <see cref="Code"/>; keeps the accepted messages.</summary>
    private sealed class PolicyTransport : IRfc2136Transport
    {
        public Func<string, bool> Refuse { get; init; } = _ => false;

        public DnsResponseCode Code { get; init; } = DnsResponseCode.NoError;

        public List<DnsMessage> Accepted { get; } = [];

        public Task<DnsMessage> SendUpdateAsync(DnsMessage update, CancellationToken cancellationToken)
        {
            var code = update.Updates.Any(r => Refuse(r.Name.TrimEnd('.'))) ? DnsResponseCode.Refused : Code;
            if (code == DnsResponseCode.NoError)
            {
                Accepted.Add(update);
            }

            return Task.FromResult(new DnsMessage { Id = update.Id, IsResponse = true, Opcode = DnsOpcode.Update, ResponseCode = code });
        }

        public Task<IReadOnlyList<DnsResourceRecord>> TransferZoneAsync(string zone, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<DnsResourceRecord>>([]);
    }
}

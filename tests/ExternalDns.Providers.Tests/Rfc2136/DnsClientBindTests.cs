using System.Net;
using ExternalDns.Dns.Client;
using ExternalDns.Dns.Messages;
using ExternalDns.Dns.Records;
using ExternalDns.Dns.Tsig;
using ExternalDns.Dns.Update;
using ExternalDns.Testing.Servers;

namespace ExternalDns.Providers.Tests.Rfc2136;

/// <summary>The DNS library's client against a real BIND 9: TSIG-signed updates, multi-message TSIG AXFR, UDP truncation.</summary>
public sealed class DnsClientBindTests(BindServer bind) : IClassFixture<BindServer>
{
    private static readonly TsigKey Key = TsigKey.FromBase64(BindServer.KeyName, TsigAlgorithm.HmacSha256, BindServer.KeySecret);

    private DnsClient Client(TsigKey? key = null, bool useTcp = false) =>
        new(new DnsClientOptions { Host = bind.Host, Port = bind.Port, TsigKey = key, UseTcp = useTcp, Timeout = TimeSpan.FromSeconds(5) });

    [Fact]
    public async Task Transfers_a_large_zone_over_several_tsig_signed_messages()
    {
        var client = Client(Key);
        // ~3000 TXT records of 120 bytes: more than one 64 KiB AXFR message
        for (var batch = 0; batch < 30; batch++)
        {
            var update = new DnsUpdateBuilder("example.net");
            for (var i = 0; i < 100; i++)
            {
                update.AddRecord($"bulk{batch:D2}-{i:D3}.example.net", DnsRecordType.TXT, 300, TxtRecordData.FromText(new string((char)('a' + (i % 26)), 120)));
            }

            var response = await client.ExchangeAsync(update.Build(), CancellationToken.None);
            Assert.Equal(DnsResponseCode.NoError, response.ResponseCode);
        }

        var before = client.MessagesReceived;
        var records = await client.TransferZoneAsync("example.net", CancellationToken.None);
        var messages = client.MessagesReceived - before;
        Assert.True(messages > 1, $"expected a multi-message transfer, got {messages}");
        Assert.Equal(DnsRecordType.SOA, records[0].Type);
        Assert.Equal(3000, records.Count(r => r.Name.StartsWith("bulk", StringComparison.Ordinal)));

        foreach (var chunk in records.Where(r => r.Name.StartsWith("bulk", StringComparison.Ordinal)).Select(r => r.Name).Chunk(500))
        {
            var cleanup = new DnsUpdateBuilder("example.net");
            foreach (var name in chunk)
            {
                cleanup.DeleteAllRRsets(name);
            }

            Assert.Equal(DnsResponseCode.NoError, (await client.ExchangeAsync(cleanup.Build(), CancellationToken.None)).ResponseCode);
        }

        Assert.DoesNotContain(bind.DigAxfr("example.net"), l => l.StartsWith("bulk", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unsigned_and_wrongly_signed_transfers_are_refused()
    {
        var refused = await Assert.ThrowsAsync<DnsResponseException>(() => Client().TransferZoneAsync("example.org", CancellationToken.None));
        Assert.Equal(DnsResponseCode.Refused, refused.ResponseCode);

        var wrong = new TsigKey(BindServer.KeyName, TsigAlgorithm.HmacSha256, new byte[32]);
        var badsig = await Assert.ThrowsAsync<DnsTsigException>(() => Client(wrong).TransferZoneAsync("example.org", CancellationToken.None));
        Assert.Equal(TsigError.BadSig, badsig.Error);
        Assert.True(badsig.ReportedByServer);
    }

    [Fact]
    public async Task A_wrongly_signed_update_reports_badsig_from_the_server()
    {
        var wrong = new TsigKey(BindServer.KeyName, TsigAlgorithm.HmacSha256, new byte[32]);
        var update = new DnsUpdateBuilder("example.org").AddRecord("x.example.org", DnsRecordType.A, 60, new AddressRecordData(IPAddress.Loopback));
        var e = await Assert.ThrowsAsync<DnsTsigException>(() => Client(wrong).ExchangeAsync(update.Build(), CancellationToken.None));
        Assert.Equal(TsigError.BadSig, e.Error);
        Assert.Equal(DnsResponseCode.NotAuth, e.ResponseCode);
    }

    [Fact]
    public async Task A_truncated_udp_answer_is_retried_over_tcp()
    {
        var client = Client(Key);
        var update = new DnsUpdateBuilder("example.org");
        for (var i = 0; i < 20; i++)
        {
            update.AddRecord("big.example.org", DnsRecordType.TXT, 60, TxtRecordData.FromText($"{i:D2}-" + new string('x', 60)));
        }

        Assert.Equal(DnsResponseCode.NoError, (await client.ExchangeAsync(update.Build(), CancellationToken.None)).ResponseCode);

        var query = Client(); // unsigned, UDP, no EDNS: the answer (> 512 bytes) comes back truncated first
        var sentBefore = query.MessagesSent;
        var response = await query.QueryAsync("big.example.org", DnsRecordType.TXT, CancellationToken.None);
        Assert.False(response.IsTruncated);
        Assert.Equal(20, response.Answers.Count);
        Assert.Equal(2, query.MessagesSent - sentBefore); // UDP, then TCP
    }

    [Fact]
    public async Task Signed_queries_verify_over_udp_and_tcp()
    {
        foreach (var tcp in new[] { false, true })
        {
            var response = await Client(Key, tcp).QueryAsync("example.org", DnsRecordType.SOA, CancellationToken.None);
            Assert.Equal(DnsResponseCode.NoError, response.ResponseCode);
            Assert.IsType<SoaRecordData>(Assert.Single(response.Answers).Data);
            Assert.NotNull(response.Tsig);
        }
    }
}

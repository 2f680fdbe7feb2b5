using ExternalDns.Core.Configuration;
using System.Net;
using System.Net.Sockets;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Dns;
using ExternalDns.Dns.Client;
using ExternalDns.Dns.Messages;
using ExternalDns.Dns.Records;
using ExternalDns.Dns.Tsig;
using ExternalDns.Providers.Rfc2136;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Providers.Tests.Rfc2136;

/// <summary>Provider logic against a fake wire seam: batching, zone routing, TTL, record conversion, error mapping.</summary>
public class Rfc2136ProviderTests
{
    private const string Secret = "Cyoi7E388ajyeE4itCurrYABl8PruHXPzvWvj4fhuyo=";

    private static Rfc2136ProviderOptions Options(Action<Rfc2136ProviderOptions>? configure = null)
    {
        var options = new Rfc2136ProviderOptions
        {
            Hosts = ["127.0.0.1"],
            Zones = ["example.org", "sub.example.org", "example.net"],
            TsigKeyName = "externaldns-key",
            TsigSecret = Secret,
            TsigSecretAlg = "hmac-sha256",
            Axfr = true,
        };
        configure?.Invoke(options);
        return options;
    }

    private static (Rfc2136Provider Provider, FakeRfc2136Transport Transport) Create(Action<Rfc2136ProviderOptions>? configure = null, DomainFilter? filter = null)
    {
        var transport = new FakeRfc2136Transport();
        return (new Rfc2136Provider(Options(configure), NullLogger<Rfc2136Provider>.Instance, filter, transport: transport), transport);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(50, 1)]
    [InlineData(51, 2)]
    [InlineData(120, 3)]
    [InlineData(250, 5)]
    public async Task Sends_one_update_message_per_batch(int changes, int messages)
    {
        var (provider, transport) = Create();
        var plan = new Changes();
        for (var i = 0; i < changes; i++)
        {
            plan.Create.Add(new Endpoint($"h{i}.example.org", RecordTypes.A, 300, [$"192.0.2.{i % 250}"]));
        }

        await provider.ApplyChangesAsync(plan, CancellationToken.None);
        Assert.Equal(messages, transport.Updates.Count);
        Assert.Equal(messages, provider.UpdateMessagesSent);
        Assert.Equal(changes, transport.Updates.Sum(m => m.Updates.Count));
        Assert.All(transport.Updates, m => Assert.True(m.Updates.Count <= 50));
        Assert.All(transport.Updates, m => Assert.Equal(DnsOpcode.Update, m.Opcode));
    }

    [Fact]
    public async Task Routes_records_to_the_longest_matching_zone_and_skips_the_rest()
    {
        var (provider, transport) = Create();
        await provider.ApplyChangesAsync(new Changes
        {
            Create =
            [
                new Endpoint("a.example.org", RecordTypes.A, "192.0.2.1"),
                new Endpoint("b.sub.example.org", RecordTypes.A, "192.0.2.2"),
                new Endpoint("c.example.net", RecordTypes.A, "192.0.2.3"),
                new Endpoint("d.example.com", RecordTypes.A, "192.0.2.4"),
                new Endpoint("notexample.org", RecordTypes.A, "192.0.2.5"),
            ],
        }, CancellationToken.None);

        var byZone = transport.Updates.ToDictionary(m => m.Zone[0].Name, m => m.Updates.Select(u => u.Name).ToArray());
        Assert.Equal(3, byZone.Count);
        Assert.Equal(["a.example.org"], byZone["example.org"]);
        Assert.Equal(["b.sub.example.org"], byZone["sub.example.org"]);
        Assert.Equal(["c.example.net"], byZone["example.net"]);
    }

    [Fact]
    public async Task An_update_deletes_the_old_records_and_adds_the_new_ones_in_one_message()
    {
        var (provider, transport) = Create();
        await provider.ApplyChangesAsync(new Changes
        {
            UpdateOld = [new Endpoint("www.example.org", RecordTypes.A, 300, ["192.0.2.1", "192.0.2.2"])],
            UpdateNew = [new Endpoint("www.example.org", RecordTypes.A, 600, ["192.0.2.3"])],
            Delete = [new Endpoint("old.example.org", RecordTypes.CNAME, "x.example.net")],
            Create = [new Endpoint("new.example.org", RecordTypes.AAAA, "2001:db8::1")],
        }, CancellationToken.None);

        var message = Assert.Single(transport.Updates);
        Assert.Equal(
            [
                "NONE CNAME old.example.org x.example.net.",
                "NONE A www.example.org 192.0.2.1",
                "NONE A www.example.org 192.0.2.2",
                "IN A www.example.org 192.0.2.3 600",
                "IN AAAA new.example.org 2001:db8::1 0",
            ],
            message.Updates.Select(u => $"{u.Class} {u.Type} {u.Name} {u.Data}" + (u.Class == DnsClass.IN ? $" {u.Ttl}" : string.Empty)));
    }

    [Theory]
    [InlineData(0, 0, 0u)]
    [InlineData(0, 120, 120u)]
    [InlineData(300, 0, 300u)]
    [InlineData(300, 60, 300u)]
    [InlineData(300, 3600, 3600u)]
    public async Task Ttl_is_the_larger_of_min_ttl_and_the_record_ttl(int minTtl, long recordTtl, uint written)
    {
        var (provider, transport) = Create(o => o.MinTtl = TimeSpan.FromSeconds(minTtl));
        await provider.ApplyChangesAsync(new Changes { Create = [new Endpoint("a.example.org", RecordTypes.A, recordTtl, ["192.0.2.1"])] }, CancellationToken.None);
        Assert.Equal(written, Assert.Single(Assert.Single(transport.Updates).Updates).Ttl);

        var adjusted = Assert.Single(provider.AdjustEndpoints([new Endpoint("a.example.org", RecordTypes.A, recordTtl, ["192.0.2.1"])]));
        Assert.Equal(Math.Max(recordTtl, minTtl), adjusted.RecordTtl);
    }

    [Fact]
    public async Task Txt_values_are_unquoted_and_split_into_255_byte_strings()
    {
        var (provider, transport) = Create();
        var longValue = new string('k', 400);
        await provider.ApplyChangesAsync(new Changes
        {
            Create =
            [
                new Endpoint("a.example.org", RecordTypes.TXT, "\"heritage=external-dns,external-dns/owner=default\""),
                new Endpoint("b.example.org", RecordTypes.TXT, longValue),
            ],
        }, CancellationToken.None);
        var updates = Assert.Single(transport.Updates).Updates;
        Assert.Equal("heritage=external-dns,external-dns/owner=default", ((TxtRecordData)updates[0].Data).Text);
        Assert.Equal([255, 145], ((TxtRecordData)updates[1].Data).Strings.Select(s => s.Length));
    }

    [Fact]
    public async Task Invalid_or_unsupported_records_are_skipped_and_the_rest_is_sent()
    {
        var (provider, transport) = Create();
        await provider.ApplyChangesAsync(new Changes
        {
            Create =
            [
                new Endpoint("a.example.org", RecordTypes.A, "not-an-ip"),
                new Endpoint("b.example.org", RecordTypes.NAPTR, "100 10 \"u\" \"E2U+sip\" \"!^.*$!sip:x@example.org!\" ."),
                new Endpoint("c.example.org", RecordTypes.AAAA, "192.0.2.1"),
                new Endpoint("d.example.org", RecordTypes.SRV, "10 5 443 svc.example.org."),
                new Endpoint("e.example.org", RecordTypes.MX, "10 mail.example.org"),
            ],
        }, CancellationToken.None);
        Assert.Equal(["d.example.org SRV", "e.example.org MX"], Assert.Single(transport.Updates).Updates.Select(u => $"{u.Name} {u.Type}"));
    }

    [Fact]
    public async Task Records_groups_the_transfer_into_one_endpoint_per_name_and_type()
    {
        var (provider, transport) = Create();
        transport.Zones["example.org"] =
        [
            new DnsResourceRecord("example.org", DnsRecordType.SOA, DnsClass.IN, 300, new SoaRecordData("ns1.example.org", "h.example.org", 1, 2, 3, 4, 5)),
            new DnsResourceRecord("example.org", DnsRecordType.NS, DnsClass.IN, 300, new NameRecordData("ns1.example.org")),
            new DnsResourceRecord("WWW.example.org", DnsRecordType.A, DnsClass.IN, 120, new AddressRecordData(IPAddress.Parse("192.0.2.1"))),
            new DnsResourceRecord("www.example.org", DnsRecordType.A, DnsClass.IN, 120, new AddressRecordData(IPAddress.Parse("192.0.2.2"))),
            new DnsResourceRecord("www.example.org", DnsRecordType.TXT, DnsClass.IN, 60, TxtRecordData.FromText(new string('t', 300))),
            new DnsResourceRecord("c.example.org", DnsRecordType.CNAME, DnsClass.IN, 60, new NameRecordData("www.example.org")),
            new DnsResourceRecord("x.sub.example.org", DnsRecordType.A, DnsClass.IN, 60, new AddressRecordData(IPAddress.Parse("192.0.2.9"))),
            new DnsResourceRecord("h.example.org", (DnsRecordType)99, DnsClass.IN, 60, new UnknownRecordData([1])),
        ];

        var endpoints = await provider.RecordsAsync(CancellationToken.None);
        Assert.Equal(
            [
                "example.org 300 IN NS ns1.example.org",
                "www.example.org 120 IN A 192.0.2.1;192.0.2.2",
                $"www.example.org 60 IN TXT {new string('t', 300)}",
                "c.example.org 60 IN CNAME www.example.org",
            ],
            endpoints.Select(e => e.ToString()));
        Assert.Equal(3, provider.ZoneTransfers);
    }

    [Fact]
    public async Task Without_axfr_no_records_are_read()
    {
        var (provider, transport) = Create(o => o.Axfr = false);
        transport.Zones["example.org"] = [new DnsResourceRecord("a.example.org", DnsRecordType.A, DnsClass.IN, 1, new AddressRecordData(IPAddress.Loopback))];
        Assert.Empty(await provider.RecordsAsync(CancellationToken.None));
        Assert.Equal(0, provider.ZoneTransfers);

        var (deprecated, _) = Create(o => (o.Axfr, o.TsigAxfr) = (false, true));
        Assert.Empty(await deprecated.RecordsAsync(CancellationToken.None));
        Assert.Equal(3, deprecated.ZoneTransfers);
    }

    public static TheoryData<string, Func<Exception>, Type> ErrorCases => new()
    {
        { "BADSIG", () => new DnsTsigException("x", TsigError.BadSig, DnsResponseCode.NotAuth, true), typeof(ProviderConfigurationException) },
        { "BADKEY", () => new DnsTsigException("x", TsigError.BadKey, DnsResponseCode.NotAuth, true), typeof(ProviderConfigurationException) },
        { "BADTIME", () => new DnsTsigException("x", TsigError.BadTime, DnsResponseCode.NotAuth, true), typeof(ProviderConfigurationException) },
        { "timeout", () => new TimeoutException("slow"), typeof(ProviderTransientException) },
        { "refused", () => new SocketException((int)SocketError.ConnectionRefused), typeof(ProviderTransientException) },
        { "reset", () => new IOException("reset"), typeof(ProviderTransientException) },
        { "garbage", () => new DnsFormatException("garbage"), typeof(ProviderTransientException) },
    };

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public async Task Transport_failures_are_mapped(string name, Func<Exception> error, Type expected)
    {
        Assert.NotNull(name);
        var (provider, transport) = Create();
        transport.Throw = error();
        var e = await Assert.ThrowsAnyAsync<Exception>(() => provider.ApplyChangesAsync(new Changes { Create = [new Endpoint("a.example.org", RecordTypes.A, "192.0.2.1")] }, CancellationToken.None));
        Assert.IsType(expected, e);
        Assert.Contains("example.org", e.Message, StringComparison.Ordinal);
        var read = await Assert.ThrowsAnyAsync<Exception>(() => provider.RecordsAsync(CancellationToken.None));
        Assert.IsType(expected, read);
        if (expected == typeof(ProviderConfigurationException))
        {
            Assert.Contains("externaldns-key", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(DnsResponseCode.Refused, typeof(ProviderConfigurationException))]
    [InlineData(DnsResponseCode.NotAuth, typeof(ProviderConfigurationException))]
    [InlineData(DnsResponseCode.NotZone, typeof(ProviderConfigurationException))]
    [InlineData(DnsResponseCode.ServFail, typeof(ProviderTransientException))]
    public async Task Response_codes_are_mapped(DnsResponseCode code, Type expected)
    {
        var (provider, transport) = Create();
        transport.ResponseCode = code;
        var e = await Assert.ThrowsAnyAsync<Exception>(() => provider.ApplyChangesAsync(new Changes { Create = [new Endpoint("a.example.net", RecordTypes.A, "192.0.2.1")] }, CancellationToken.None));
        Assert.IsType(expected, e);
        Assert.Contains("example.net", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transient_failure_in_one_zone_does_not_stop_the_other_zones()
    {
        var transport = new ZoneFailingTransport("example.net");
        var provider = new Rfc2136Provider(Options(), NullLogger<Rfc2136Provider>.Instance, transport: transport);
        await Assert.ThrowsAsync<ProviderTransientException>(() => provider.ApplyChangesAsync(new Changes
        {
            Create = [new Endpoint("a.example.net", RecordTypes.A, "192.0.2.1"), new Endpoint("a.example.org", RecordTypes.A, "192.0.2.1")],
        }, CancellationToken.None));
        Assert.Equal(["example.net", "example.org"], transport.Zones);
    }

    public static TheoryData<string, Action<Rfc2136ProviderOptions>, string> InvalidOptions => new()
    {
        { "no zone", o => o.Zones = [], "--rfc2136-zone" },
        { "no key name", o => o.TsigKeyName = "", "--rfc2136-tsig-keyname" },
        { "no secret", o => o.TsigSecret = "", "--rfc2136-tsig-secret" },
        { "bad base64", o => o.TsigSecret = "not base64!", "--rfc2136-tsig-secret" },
        { "unknown algorithm", o => o.TsigSecretAlg = "hmac-md4", "--rfc2136-tsig-secret-alg" },
        { "empty algorithm", o => o.TsigSecretAlg = "", "--rfc2136-tsig-secret-alg" },
        { "batch size 0", o => o.BatchChangeSize = 0, "--rfc2136-batch-change-size" },
        { "negative min ttl", o => o.MinTtl = TimeSpan.FromSeconds(-1), "--rfc2136-min-ttl" },
        { "no host", o => o.Hosts = [""], "--rfc2136-host" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options_are_flag_errors_naming_the_flag(string name, Action<Rfc2136ProviderOptions> configure, string flag)
    {
        Assert.NotNull(name);
        var e = Assert.Throws<FlagException>(() => new Rfc2136Provider(Options(configure), NullLogger<Rfc2136Provider>.Instance));
        Assert.Contains(flag, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hmac-sha1")]
    [InlineData("hmac-sha256")]
    [InlineData("hmac-sha256.")]
    [InlineData("hmac-sha384")]
    [InlineData("hmac-sha512")]
    public void Upstream_algorithm_spellings_are_accepted(string algorithm)
    {
        _ = new Rfc2136Provider(Options(o => o.TsigSecretAlg = algorithm), NullLogger<Rfc2136Provider>.Instance);
    }

    [Fact]
    public void Insecure_needs_no_key_and_the_domain_filter_defaults_to_the_zones()
    {
        var provider = new Rfc2136Provider(Options(o => (o.Insecure, o.TsigKeyName, o.TsigSecret, o.TsigSecretAlg) = (true, "", "", "")), NullLogger<Rfc2136Provider>.Instance);
        Assert.True(provider.DomainFilter.Match("a.example.net"));
        Assert.False(provider.DomainFilter.Match("a.example.com"));
    }

    [Fact]
    public async Task A_configured_domain_filter_limits_the_changes()
    {
        var (provider, transport) = Create(filter: new DomainFilter(["example.net"]));
        await provider.ApplyChangesAsync(new Changes { Create = [new Endpoint("a.example.org", RecordTypes.A, "192.0.2.1"), new Endpoint("a.example.net", RecordTypes.A, "192.0.2.1")] }, CancellationToken.None);
        Assert.Equal("example.net", Assert.Single(transport.Updates).Zone[0].Name);
    }

    private sealed class ZoneFailingTransport(string failingZone) : IRfc2136Transport
    {
        public List<string> Zones { get; } = [];

        public Task<DnsMessage> SendUpdateAsync(DnsMessage update, CancellationToken cancellationToken)
        {
            Zones.Add(update.Zone[0].Name);
            return update.Zone[0].Name == failingZone
                ? throw new TimeoutException("no answer")
                : Task.FromResult(new DnsMessage { IsResponse = true });
        }

        public Task<IReadOnlyList<DnsResourceRecord>> TransferZoneAsync(string zone, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<DnsResourceRecord>>([]);
    }
}

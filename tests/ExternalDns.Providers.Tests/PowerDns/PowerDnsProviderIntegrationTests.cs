using System.Text.Json;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Providers.PowerDns;
using ExternalDns.Testing;
using ExternalDns.Testing.Servers;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Providers.Tests.PowerDns;

/// <summary>
/// The provider against a real PowerDNS (tests/servers/pdns), checked through dig in a separate process and the
/// server's own API, never through the provider's read alone. Each test uses zones of its own.
/// </summary>
public sealed class PowerDnsProviderIntegrationTests : IClassFixture<PowerDnsServer>
{
    private const string Ownership = "\"heritage=external-dns,external-dns/owner=default,external-dns/resource=service/default/web\"";

    private readonly PowerDnsServer _server;

    public PowerDnsProviderIntegrationTests(PowerDnsServer server) => _server = server;

    private static string UniqueZone(string label) => $"{label}-{Guid.NewGuid():N}"[..20] + ".test";

    private PowerDnsProvider Provider(DomainFilter? filter = null, string? apiKey = null, ListLogger<PowerDnsProvider>? log = null, string? serverId = null) => new(
        new PowerDnsProviderOptions
        {
            Server = _server.ApiUrl.ToString(),
            ServerId = serverId ?? PowerDnsServer.ServerId,
            ApiKey = apiKey ?? _server.ApiKey,
            InitialRetryDelay = TimeSpan.FromMilliseconds(10),
        },
        filter ?? DomainFilter.All,
        log ?? new ListLogger<PowerDnsProvider>());

    private Task<DigResult> DigAsync(string name, string type) => Dig.QueryAsync(_server.DnsPort, name, type);

    private async Task<JsonElement[]> ApiRRsetsAsync(string zone)
    {
        using var doc = JsonDocument.Parse(await _server.GetZoneJsonAsync(zone));
        return [.. doc.RootElement.GetProperty("rrsets").EnumerateArray().Select(e => e.Clone())];
    }

    [Fact]
    public async Task Create_update_delete_a_aaaa_cname_and_ownership_txt_are_served_by_dns()
    {
        var zone = UniqueZone("crud");
        await _server.CreateZoneAsync(zone);
        using var provider = Provider();
        var web = $"web.{zone}";

        // Create
        await provider.ApplyChangesAsync(
            new Changes
            {
                Create =
                [
                    new Endpoint(web, RecordTypes.A, 120, ["192.0.2.10", "192.0.2.11"]),
                    new Endpoint(web, RecordTypes.AAAA, 0, ["2001:db8::10"]),
                    new Endpoint($"alias.{zone}", RecordTypes.CNAME, 0, [$"web.{zone}"]),
                    new Endpoint($"a-web.{zone}", RecordTypes.TXT, 0, [Ownership]),
                ],
            },
            CancellationToken.None);

        var a = await DigAsync(web, "A");
        Assert.Equal("NOERROR", a.Status);
        Assert.Equal(["192.0.2.10", "192.0.2.11"], a.Data("A").Order(StringComparer.Ordinal));
        Assert.All(a.Answers, x => Assert.Equal(120, x.Ttl));
        var aaaa = await DigAsync(web, "AAAA");
        Assert.Equal(["2001:db8::10"], aaaa.Data("AAAA"));
        Assert.Equal(300, Assert.Single(aaaa.Answers).Ttl); // upstream's default TTL
        var cname = await DigAsync($"alias.{zone}", "CNAME");
        Assert.Equal([$"web.{zone}."], cname.Data("CNAME"));
        var txt = await DigAsync($"a-web.{zone}", "TXT");
        Assert.Equal([Ownership], txt.Data("TXT"));

        // What the provider reads back matches what it wrote (TXT with quotes, CNAME without trailing dot).
        var records = (await provider.RecordsAsync(CancellationToken.None)).Where(e => e.DnsName.EndsWith(zone, StringComparison.Ordinal)).ToList();
        Assert.Contains(records, e => e.RecordType == RecordTypes.TXT && e.Targets.SequenceEqual([Ownership]));
        Assert.Contains(records, e => e.RecordType == RecordTypes.CNAME && e.Targets.SequenceEqual([$"web.{zone}"]));
        Assert.Contains(records, e => e.RecordType == RecordTypes.A && e.RecordTtl == 120 && e.Targets.Count == 2);

        // Update
        await provider.ApplyChangesAsync(
            new Changes
            {
                UpdateOld =
                [
                    new Endpoint(web, RecordTypes.A, 120, ["192.0.2.10", "192.0.2.11"]),
                    new Endpoint(web, RecordTypes.AAAA, 0, ["2001:db8::10"]),
                    new Endpoint($"alias.{zone}", RecordTypes.CNAME, 0, [$"web.{zone}"]),
                    new Endpoint($"a-web.{zone}", RecordTypes.TXT, 0, [Ownership]),
                ],
                UpdateNew =
                [
                    new Endpoint(web, RecordTypes.A, 60, ["192.0.2.20"]),
                    new Endpoint(web, RecordTypes.AAAA, 0, ["2001:db8::20", "2001:db8::21"]),
                    new Endpoint($"alias.{zone}", RecordTypes.CNAME, 0, ["lb.example.net"]),
                    new Endpoint($"a-web.{zone}", RecordTypes.TXT, 0, [Ownership.Replace("owner=default", "owner=other", StringComparison.Ordinal)]),
                ],
            },
            CancellationToken.None);

        a = await DigAsync(web, "A");
        Assert.Equal(["192.0.2.20"], a.Data("A"));
        Assert.Equal(60, Assert.Single(a.Answers).Ttl);
        Assert.Equal(["2001:db8::20", "2001:db8::21"], (await DigAsync(web, "AAAA")).Data("AAAA").Order(StringComparer.Ordinal));
        Assert.Equal(["lb.example.net."], (await DigAsync($"alias.{zone}", "CNAME")).Data("CNAME"));
        Assert.Equal(
            ["\"heritage=external-dns,external-dns/owner=other,external-dns/resource=service/default/web\""],
            (await DigAsync($"a-web.{zone}", "TXT")).Data("TXT"));

        // Delete
        await provider.ApplyChangesAsync(
            new Changes
            {
                Delete =
                [
                    new Endpoint(web, RecordTypes.A, 60, ["192.0.2.20"]),
                    new Endpoint(web, RecordTypes.AAAA, 0, ["2001:db8::20", "2001:db8::21"]),
                    new Endpoint($"alias.{zone}", RecordTypes.CNAME, 0, ["lb.example.net"]),
                    new Endpoint($"a-web.{zone}", RecordTypes.TXT, 0, [Ownership]),
                ],
            },
            CancellationToken.None);

        Assert.Equal("NXDOMAIN", (await DigAsync(web, "A")).Status);
        Assert.Equal("NXDOMAIN", (await DigAsync($"alias.{zone}", "CNAME")).Status);
        Assert.Equal("NXDOMAIN", (await DigAsync($"a-web.{zone}", "TXT")).Status);
        Assert.DoesNotContain(await provider.RecordsAsync(CancellationToken.None), e => e.DnsName.EndsWith(zone, StringComparison.Ordinal) && e.RecordType != "SOA");
    }

    [Fact]
    public async Task Records_go_to_the_longest_matching_zone_with_one_patch_per_zone()
    {
        var parent = UniqueZone("parent");
        var child = $"sub.{parent}";
        await _server.CreateZoneAsync(parent);
        await _server.CreateZoneAsync(child);
        using var provider = Provider();
        await provider.RecordsAsync(CancellationToken.None);
        var before = provider.RequestCount;

        await provider.ApplyChangesAsync(
            new Changes
            {
                Create =
                [
                    new Endpoint($"www.{parent}", RecordTypes.A, "192.0.2.1"),
                    new Endpoint($"a-www.{parent}", RecordTypes.TXT, Ownership),
                    new Endpoint($"www.{child}", RecordTypes.A, "192.0.2.2"),
                    new Endpoint($"deep.www.{child}", RecordTypes.A, "192.0.2.3"),
                    new Endpoint($"a-www.{child}", RecordTypes.TXT, Ownership),
                ],
            },
            CancellationToken.None);

        Assert.Equal(2, provider.RequestCount - before); // the zone list of RecordsAsync is reused: two PATCHes

        var parentNames = (await ApiRRsetsAsync(parent)).Select(r => r.GetProperty("name").GetString()).ToHashSet();
        var childNames = (await ApiRRsetsAsync(child)).Select(r => r.GetProperty("name").GetString()).ToHashSet();
        Assert.Contains($"www.{parent}.", parentNames);
        Assert.Contains($"a-www.{parent}.", parentNames);
        Assert.DoesNotContain($"www.{child}.", parentNames);
        Assert.DoesNotContain($"deep.www.{child}.", parentNames);
        Assert.Contains($"www.{child}.", childNames);
        Assert.Contains($"deep.www.{child}.", childNames);
        Assert.Contains($"a-www.{child}.", childNames);

        Assert.Equal(["192.0.2.2"], (await DigAsync($"www.{child}", "A")).Data("A"));
        Assert.Equal(["192.0.2.3"], (await DigAsync($"deep.www.{child}", "A")).Data("A"));
        Assert.Equal(["192.0.2.1"], (await DigAsync($"www.{parent}", "A")).Data("A"));
    }

    [Fact]
    public async Task Domain_filter_limits_reads_and_writes_to_matching_zones()
    {
        var inside = UniqueZone("in");
        var outside = UniqueZone("out");
        await _server.CreateZoneAsync(inside);
        await _server.CreateZoneAsync(outside);
        await _server.PatchZoneAsync(outside, $$"""{"rrsets":[{"name":"pre.{{outside}}.","type":"A","ttl":60,"changetype":"REPLACE","records":[{"content":"192.0.2.50","disabled":false}]}]}""");
        using var provider = Provider(new DomainFilter([inside]));

        var records = await provider.RecordsAsync(CancellationToken.None);
        Assert.DoesNotContain(records, e => e.DnsName.EndsWith(outside, StringComparison.Ordinal));
        Assert.Contains(records, e => e.DnsName == inside && e.RecordType == "SOA");

        await provider.ApplyChangesAsync(
            new Changes
            {
                Create = [new Endpoint($"www.{inside}", RecordTypes.A, "192.0.2.1"), new Endpoint($"www.{outside}", RecordTypes.A, "192.0.2.2")],
                Delete = [new Endpoint($"pre.{outside}", RecordTypes.A, "192.0.2.50")],
            },
            CancellationToken.None);

        Assert.Equal(["192.0.2.1"], (await DigAsync($"www.{inside}", "A")).Data("A"));
        Assert.Equal("NXDOMAIN", (await DigAsync($"www.{outside}", "A")).Status);
        Assert.Equal(["192.0.2.50"], (await DigAsync($"pre.{outside}", "A")).Data("A"));
    }

    [Fact]
    public async Task Apex_cname_is_stored_as_alias_and_read_back_as_cname()
    {
        var zone = UniqueZone("apex");
        await _server.CreateZoneAsync(zone);
        using var provider = Provider();

        await provider.ApplyChangesAsync(new Changes { Create = [new Endpoint(zone, RecordTypes.CNAME, "lb.example.net")] }, CancellationToken.None);

        var apex = Assert.Single(await ApiRRsetsAsync(zone), r => r.GetProperty("name").GetString() == zone + "." && r.GetProperty("type").GetString() != "SOA");
        Assert.Equal("ALIAS", apex.GetProperty("type").GetString());
        Assert.Equal("lb.example.net.", apex.GetProperty("records")[0].GetProperty("content").GetString());

        var read = Assert.Single(await provider.RecordsAsync(CancellationToken.None), e => e.DnsName == zone && e.RecordType == RecordTypes.CNAME);
        Assert.Equal(["lb.example.net"], read.Targets);
        Assert.Null(read.GetProviderSpecific("alias"));

        await provider.ApplyChangesAsync(new Changes { Delete = [read] }, CancellationToken.None);
        Assert.DoesNotContain(await ApiRRsetsAsync(zone), r => r.GetProperty("type").GetString() == "ALIAS");
    }

    [Fact]
    public async Task Changing_a_cname_to_an_a_record_at_one_name_works_in_one_apply()
    {
        var zone = UniqueZone("swap");
        await _server.CreateZoneAsync(zone);
        using var provider = Provider();
        var cname = new Endpoint($"www.{zone}", RecordTypes.CNAME, "lb.example.net");
        await provider.ApplyChangesAsync(new Changes { Create = [cname] }, CancellationToken.None);

        await provider.ApplyChangesAsync(
            new Changes { Create = [new Endpoint($"www.{zone}", RecordTypes.A, "192.0.2.7")], Delete = [cname] },
            CancellationToken.None);

        var dig = await DigAsync($"www.{zone}", "A");
        Assert.Equal(["192.0.2.7"], dig.Data("A"));
        Assert.Empty(dig.Data("CNAME"));
    }

    [Fact]
    public async Task Wrong_api_key_is_a_clear_configuration_error_without_the_key()
    {
        const string wrongKey = "wrong-key-7f3a9c";
        var log = new ListLogger<PowerDnsProvider>();
        using var provider = Provider(apiKey: wrongKey, log: log);

        var ex = await Assert.ThrowsAsync<ProviderConfigurationException>(() => provider.RecordsAsync(CancellationToken.None));

        Assert.Contains("--pdns-api-key", ex.Message, StringComparison.Ordinal);
        Assert.Contains("401", ex.Message, StringComparison.Ordinal);
        Assert.Contains(_server.ApiUrl.Authority, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_server.ApiKey, ex.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(log.Messages);
        Assert.DoesNotContain(log.Messages, m => m.Contains(wrongKey, StringComparison.Ordinal));
        Assert.Equal(1, provider.RequestCount); // a refused key is not retried
    }

    [Fact]
    public async Task Wrong_server_id_is_a_configuration_error_naming_the_flag()
    {
        using var provider = Provider(serverId: "no-such-server");
        var ex = await Assert.ThrowsAsync<ProviderConfigurationException>(() => provider.RecordsAsync(CancellationToken.None));
        Assert.Contains("--pdns-server-id", ex.Message, StringComparison.Ordinal);
        Assert.Contains("404", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_refusal_422_surfaces_the_servers_message()
    {
        var zone = UniqueZone("conflict");
        await _server.CreateZoneAsync(zone);
        using var provider = Provider();
        await provider.ApplyChangesAsync(new Changes { Create = [new Endpoint($"www.{zone}", RecordTypes.CNAME, "lb.example.net")] }, CancellationToken.None);

        // An A next to the existing CNAME: PowerDNS refuses with 422.
        var ex = await Assert.ThrowsAsync<PowerDnsApiException>(() =>
            provider.ApplyChangesAsync(new Changes { Create = [new Endpoint($"www.{zone}", RecordTypes.A, "192.0.2.1")] }, CancellationToken.None));

        Assert.Equal(422, ex.StatusCode);
        Assert.Equal(zone + ".", ex.Zone);
        Assert.Contains("Conflicts with pre-existing RRset", ex.Message, StringComparison.Ordinal);
        Assert.Contains(zone, ex.Message, StringComparison.Ordinal);
        Assert.Equal(["lb.example.net."], (await DigAsync($"www.{zone}", "CNAME")).Data("CNAME")); // nothing changed
    }

    [Fact]
    public async Task Unknown_zone_404_surfaces_the_zone_and_the_servers_message()
    {
        var zone = UniqueZone("vanish");
        await _server.CreateZoneAsync(zone);
        using var provider = Provider();
        await provider.RecordsAsync(CancellationToken.None); // the zone is listed here ...
        await _server.DeleteZoneAsync(zone); // ... and deleted before the apply

        var ex = await Assert.ThrowsAsync<PowerDnsApiException>(() =>
            provider.ApplyChangesAsync(new Changes { Create = [new Endpoint($"www.{zone}", RecordTypes.A, "192.0.2.1")] }, CancellationToken.None));

        Assert.Equal(404, ex.StatusCode);
        Assert.Contains(zone, ex.Message, StringComparison.Ordinal);
        Assert.Contains("not found", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrWhiteSpace(ex.ServerMessage));
    }

    [Fact]
    public async Task Stopped_server_gives_a_transient_error_not_a_crash()
    {
        using var own = new PowerDnsServer();
        var zone = UniqueZone("stop");
        await own.CreateZoneAsync(zone);
        // The fake clock runs only the backoff (no request timeout): the waits are exact, nothing sleeps.
        var time = new FakeTimeProvider();
        var waits = new List<TimeSpan>();
        using var provider = new PowerDnsProvider(
            new PowerDnsProviderOptions { Server = own.ApiUrl.ToString(), ApiKey = own.ApiKey, RequestTimeout = Timeout.InfiniteTimeSpan },
            DomainFilter.All,
            new ListLogger<PowerDnsProvider>(),
            new ProviderHttpFactory(new MetricRegistry(time), time, NullLoggerFactory.Instance) { Jitter = () => 0 });
        Assert.Contains(await time.DriveAsync(provider.RecordsAsync(CancellationToken.None)), e => e.DnsName == zone);

        own.Stop();
        Assert.False(own.IsRunning);
        var before = provider.RequestCount;

        var read = await Assert.ThrowsAsync<ProviderTransientException>(() => time.DriveAsync(provider.RecordsAsync(CancellationToken.None), waits));
        Assert.Contains(own.ApiUrl.Authority, read.Message, StringComparison.Ordinal);
        Assert.Equal(3, provider.RequestCount - before);
        Assert.Equal([TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500)], waits);

        await Assert.ThrowsAsync<ProviderTransientException>(() => time.DriveAsync(
            provider.ApplyChangesAsync(new Changes { Create = [new Endpoint($"www.{zone}", RecordTypes.A, "192.0.2.1")] }, CancellationToken.None)));
        Assert.DoesNotContain(own.ApiKey, read.ToString(), StringComparison.Ordinal);
    }
}

using System.Net;
using System.Text.Json;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Providers.PowerDns;
using ExternalDns.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Providers.Tests.PowerDns;

/// <summary>Request shapes the provider sends, checked against a fake handler.</summary>
public sealed class PowerDnsProviderRequestTests
{
    private const string Key = "unit-secret-key-0123";

    private static string ZonesJson(params string[] zones) =>
        "[" + string.Join(",", zones.Select(z => $$"""{"id":"{{z}}","name":"{{z}}","kind":"Native","url":"/api/v1/servers/localhost/zones/{{z}}","serial":1}""")) + "]";

    private static (PowerDnsProvider Provider, FakePowerDnsHandler Handler) Create(
        string[] zones,
        Dictionary<string, string>? zoneBodies = null,
        DomainFilter? filter = null,
        string server = "http://pdns.test:8081",
        string serverId = "localhost")
    {
        var handler = new FakePowerDnsHandler(r =>
        {
            var prefix = new Uri(server).AbsolutePath.TrimEnd('/');
            var zonesPath = $"{prefix}/api/v1/servers/{serverId}/zones";
            if (r.Method == "GET" && r.Path == zonesPath)
            {
                return FakePowerDnsHandler.Json(HttpStatusCode.OK, ZonesJson(zones));
            }

            if (r.Method == "GET" && r.Path.StartsWith(zonesPath + "/", StringComparison.Ordinal))
            {
                var id = Uri.UnescapeDataString(r.Path[(zonesPath.Length + 1)..]);
                var body = zoneBodies is not null && zoneBodies.TryGetValue(id, out var b) ? b : $$"""{"id":"{{id}}","name":"{{id}}","rrsets":[]}""";
                return FakePowerDnsHandler.Json(HttpStatusCode.OK, body);
            }

            if (r.Method == "PATCH")
            {
                return new HttpResponseMessage(HttpStatusCode.NoContent);
            }

            return FakePowerDnsHandler.Text(HttpStatusCode.NotFound, "Not Found");
        });
        var options = new PowerDnsProviderOptions { Server = server, ServerId = serverId, ApiKey = Key };
        var provider = new PowerDnsProvider(options, filter ?? DomainFilter.All, NullLogger<PowerDnsProvider>.Instance, PowerDnsTestHttp.Factory(handler, new FakeTimeProvider()));
        return (provider, handler);
    }

    private static JsonElement[] RRsets(RecordedRequest patch) =>
        [.. JsonDocument.Parse(patch.Body!).RootElement.GetProperty("rrsets").EnumerateArray()];

    [Fact]
    public void Options_defaults_match_upstream_flags()
    {
        var options = new PowerDnsProviderOptions();
        Assert.Equal("http://localhost:8081", options.Server);
        Assert.Equal("localhost", options.ServerId);
        Assert.Equal(string.Empty, options.ApiKey);
        Assert.False(options.SkipTlsVerify);
        Assert.Equal(3, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.InitialRetryDelay);
    }

    [Fact]
    public async Task Records_lists_zones_then_reads_each_with_the_api_key()
    {
        var (provider, handler) = Create(["example.org.", "other.org."]);
        await provider.RecordsAsync(CancellationToken.None);

        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(3, provider.RequestCount);
        Assert.Equal("http://pdns.test:8081/api/v1/servers/localhost/zones", handler.Requests[0].Url.ToString());
        Assert.Equal(
            ["/api/v1/servers/localhost/zones/example.org.", "/api/v1/servers/localhost/zones/other.org."],
            handler.Requests.Skip(1).Select(r => r.Path).Order(StringComparer.Ordinal));
        Assert.All(handler.Requests, r => Assert.Equal(Key, r.ApiKey));
        Assert.All(handler.Requests, r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public async Task Server_url_path_is_kept_as_prefix_and_server_id_is_used()
    {
        var (provider, handler) = Create(["example.org."], server: "https://proxy.test/pdns/", serverId: "ns-1");
        await provider.RecordsAsync(CancellationToken.None);

        Assert.Equal("https://proxy.test/pdns/api/v1/servers/ns-1/zones", handler.Requests[0].Url.ToString());
        Assert.Equal("/pdns/api/v1/servers/ns-1/zones/example.org.", handler.Requests[1].Path);
    }

    [Fact]
    public async Task Domain_filter_limits_the_zones_read()
    {
        var (provider, handler) = Create(["example.org.", "other.org."], filter: new DomainFilter(["example.org"]));
        await provider.RecordsAsync(CancellationToken.None);

        Assert.Equal(["/api/v1/servers/localhost/zones", "/api/v1/servers/localhost/zones/example.org."], handler.Requests.Select(r => r.Path));

        // The provider's own DomainFilter lists every zone on the server (upstream GetDomainFilter).
        Assert.True(provider.DomainFilter.Match("www.other.org"));
        Assert.True(provider.DomainFilter.Match("example.org"));
        Assert.False(provider.DomainFilter.Match("www.unrelated.net"));
    }

    [Fact]
    public async Task Records_maps_rrsets_to_endpoints_as_upstream()
    {
        const string body = """
            {"id":"example.org.","name":"example.org.","rrsets":[
              {"name":"example.org.","type":"SOA","ttl":3600,"records":[{"content":"ns1.example.org. hostmaster.example.org. 1 10800 3600 604800 3600","disabled":false}],"comments":[]},
              {"name":"www.example.org.","type":"A","ttl":120,"records":[{"content":"192.0.2.1","disabled":false},{"content":"192.0.2.2","disabled":true},{"content":"192.0.2.3","disabled":false}],"comments":[]},
              {"name":"web.example.org.","type":"CNAME","ttl":300,"records":[{"content":"lb.example.net.","disabled":false}],"comments":[]},
              {"name":"a-web.example.org.","type":"TXT","ttl":300,"records":[{"content":"\"heritage=external-dns,external-dns/owner=default,external-dns/resource=service/default/web\"","disabled":false}],"comments":[]},
              {"name":"example.org.","type":"ALIAS","ttl":300,"records":[{"content":"lb.example.net.","disabled":false}],"comments":[]},
              {"name":"alias.example.org.","type":"ALIAS","ttl":60,"records":[{"content":"lb.example.net.","disabled":false}],"comments":[]},
              {"name":"off.example.org.","type":"A","ttl":60,"records":[{"content":"192.0.2.9","disabled":true}],"comments":[]},
              {"name":"note.example.org.","type":"A","records":[],"comments":[{"content":"hi","account":"x","modified_at":1}]},
              {"name":"mx.example.org.","type":"MX","ttl":300,"records":[{"content":"10 mail.example.org.","disabled":false}],"comments":[]}
            ]}
            """;
        var (provider, _) = Create(["example.org."], new Dictionary<string, string> { ["example.org."] = body });
        var records = await provider.RecordsAsync(CancellationToken.None);
        var byKey = records.ToDictionary(e => $"{e.DnsName} {e.RecordType}");

        Assert.Equal(7, records.Count); // disabled-only and comment-only rrsets are not records
        Assert.Equal(["192.0.2.1", "192.0.2.3"], byKey["www.example.org A"].Targets);
        Assert.Equal(120, byKey["www.example.org A"].RecordTtl);
        Assert.Equal(["lb.example.net"], byKey["web.example.org CNAME"].Targets);
        Assert.Equal(["\"heritage=external-dns,external-dns/owner=default,external-dns/resource=service/default/web\""], byKey["a-web.example.org TXT"].Targets);
        Assert.Equal(["10 mail.example.org"], byKey["mx.example.org MX"].Targets);

        var apex = byKey["example.org CNAME"];
        Assert.Equal(["lb.example.net"], apex.Targets);
        Assert.Null(apex.GetProviderSpecific("alias"));
        var alias = byKey["alias.example.org CNAME"];
        Assert.Equal("true", alias.GetProviderSpecific("alias"));
        Assert.Equal(60, alias.RecordTtl);
    }

    [Fact]
    public async Task Apply_sends_one_patch_per_zone_with_all_rrsets_and_trailing_dots()
    {
        var (provider, handler) = Create(["example.org.", "sub.example.org.", "other.org."]);
        var changes = new Changes
        {
            Create =
            [
                new Endpoint("www.example.org", RecordTypes.A, 120, ["192.0.2.1", "192.0.2.2"]),
                new Endpoint("web.sub.example.org", RecordTypes.CNAME, 0, ["lb.example.net"]),
                new Endpoint("a-web.sub.example.org", RecordTypes.TXT, 0, ["\"heritage=external-dns,external-dns/owner=default\""]),
                new Endpoint("v6.other.org", RecordTypes.AAAA, 0, ["2001:db8::1"]),
            ],
            UpdateOld = [new Endpoint("mail.example.org", RecordTypes.MX, 0, ["10 old.example.org"])],
            UpdateNew = [new Endpoint("mail.example.org", RecordTypes.MX, 0, ["10 new.example.org"])],
            Delete = [new Endpoint("gone.sub.example.org", RecordTypes.A, 0, ["192.0.2.9"])],
        };

        await provider.ApplyChangesAsync(changes, CancellationToken.None);

        var patches = handler.Requests.Where(r => r.Method == "PATCH").ToList();
        Assert.Equal(
            ["/api/v1/servers/localhost/zones/example.org.", "/api/v1/servers/localhost/zones/other.org.", "/api/v1/servers/localhost/zones/sub.example.org."],
            patches.Select(p => p.Path));
        Assert.All(patches, p => Assert.Equal("application/json", p.ContentType));
        Assert.Equal(4, provider.RequestCount); // one zone list (no earlier Records call) + three PATCHes

        var example = RRsets(patches[0]);
        Assert.Equal(2, example.Length);
        Assert.Equal("mail.example.org.", example[0].GetProperty("name").GetString());
        Assert.Equal("MX", example[0].GetProperty("type").GetString());
        Assert.Equal("REPLACE", example[0].GetProperty("changetype").GetString());
        Assert.Equal(300, example[0].GetProperty("ttl").GetInt64());
        Assert.Equal("10 new.example.org.", example[0].GetProperty("records")[0].GetProperty("content").GetString());
        Assert.Equal("www.example.org.", example[1].GetProperty("name").GetString());
        Assert.Equal(120, example[1].GetProperty("ttl").GetInt64());
        Assert.Equal(
            ["192.0.2.1", "192.0.2.2"],
            example[1].GetProperty("records").EnumerateArray().Select(r => r.GetProperty("content").GetString()));
        Assert.All(example[1].GetProperty("records").EnumerateArray(), r => Assert.False(r.GetProperty("disabled").GetBoolean()));

        var sub = RRsets(patches[2]);
        Assert.Equal(["DELETE", "REPLACE", "REPLACE"], sub.Select(r => r.GetProperty("changetype").GetString()));
        Assert.Equal("gone.sub.example.org.", sub[0].GetProperty("name").GetString());
        Assert.False(sub[0].TryGetProperty("ttl", out _)); // PowerDNS forbids a TTL on DELETE
        Assert.False(sub[0].TryGetProperty("records", out _));
        Assert.Equal("a-web.sub.example.org.", sub[1].GetProperty("name").GetString());
        Assert.Equal("\"heritage=external-dns,external-dns/owner=default\"", sub[1].GetProperty("records")[0].GetProperty("content").GetString());
        Assert.Equal("web.sub.example.org.", sub[2].GetProperty("name").GetString());
        Assert.Equal("CNAME", sub[2].GetProperty("type").GetString());
        Assert.Equal("lb.example.net.", sub[2].GetProperty("records")[0].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Apply_reuses_the_zone_list_of_a_recent_records_call()
    {
        var time = new FakeTimeProvider();
        var (_, handler) = Create(["example.org."]);
        using var provider = new PowerDnsProvider(
            new PowerDnsProviderOptions { Server = "http://pdns.test:8081", ApiKey = Key }, DomainFilter.All, NullLogger<PowerDnsProvider>.Instance, PowerDnsTestHttp.Factory(handler, time));
        var create = new Changes { Create = [new Endpoint("www.example.org", RecordTypes.A, "192.0.2.1")] };

        await provider.RecordsAsync(CancellationToken.None);
        await provider.ApplyChangesAsync(create, CancellationToken.None);
        Assert.Equal(["GET", "GET", "PATCH"], handler.Requests.Select(r => r.Method));

        time.Advance(PowerDnsProvider.ZoneListReuse + TimeSpan.FromSeconds(1));
        await provider.ApplyChangesAsync(create, CancellationToken.None);
        Assert.Equal(["GET", "GET", "PATCH", "GET", "PATCH"], handler.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task Apply_without_changes_sends_nothing()
    {
        var (provider, handler) = Create(["example.org."]);
        await provider.ApplyChangesAsync(new Changes(), CancellationToken.None);
        Assert.Empty(handler.Requests);
        Assert.Equal(0, provider.RequestCount);
    }

    public static TheoryData<string, string, string?, string> AliasCases => new()
    {
        // name, record type, alias property, expected PowerDNS type
        { "example.org", RecordTypes.CNAME, null, "ALIAS" },
        { "www.example.org", RecordTypes.CNAME, null, "CNAME" },
        { "www.example.org", RecordTypes.CNAME, "true", "ALIAS" },
        { "www.example.org", RecordTypes.CNAME, "false", "CNAME" },
        { "sub.example.org", RecordTypes.CNAME, null, "ALIAS" }, // apex of the longer zone
        { "www.example.org", RecordTypes.A, "true", "A" },
    };

    [Theory]
    [MemberData(nameof(AliasCases))]
    public async Task Cname_becomes_alias_at_apex_or_with_alias_true(string name, string type, string? alias, string expected)
    {
        var (provider, handler) = Create(["example.org.", "sub.example.org."]);
        var endpoint = new Endpoint(name, type, 0, [type == RecordTypes.A ? "192.0.2.1" : "lb.example.net"]);
        if (alias is not null)
        {
            endpoint.SetProviderSpecific("alias", alias);
        }

        await provider.ApplyChangesAsync(new Changes { Create = [endpoint] }, CancellationToken.None);

        var rrset = Assert.Single(RRsets(handler.Requests.Single(r => r.Method == "PATCH")));
        Assert.Equal(expected, rrset.GetProperty("type").GetString());
        if (expected == "ALIAS")
        {
            Assert.Equal("lb.example.net.", rrset.GetProperty("records")[0].GetProperty("content").GetString());
        }
    }

    [Fact]
    public async Task Deleting_an_apex_cname_deletes_the_alias()
    {
        var (provider, handler) = Create(["example.org."]);
        await provider.ApplyChangesAsync(new Changes { Delete = [new Endpoint("example.org", RecordTypes.CNAME, "lb.example.net")] }, CancellationToken.None);
        var rrset = Assert.Single(RRsets(handler.Requests.Single(r => r.Method == "PATCH")));
        Assert.Equal("DELETE", rrset.GetProperty("changetype").GetString());
        Assert.Equal("ALIAS", rrset.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Update_from_alias_to_cname_deletes_the_old_alias_rrset_first()
    {
        var (provider, handler) = Create(["example.org."]);
        var old = new Endpoint("www.example.org", RecordTypes.CNAME, "lb.example.net").WithProviderSpecific("alias", "true");
        var changes = new Changes { UpdateOld = [old], UpdateNew = [new Endpoint("www.example.org", RecordTypes.CNAME, "lb.example.net")] };

        await provider.ApplyChangesAsync(changes, CancellationToken.None);

        var rrsets = RRsets(handler.Requests.Single(r => r.Method == "PATCH"));
        Assert.Equal(["DELETE ALIAS", "REPLACE CNAME"], rrsets.Select(r => $"{r.GetProperty("changetype").GetString()} {r.GetProperty("type").GetString()}"));
    }

    [Fact]
    public async Task Same_rrset_twice_is_merged_and_a_delete_of_a_replaced_rrset_is_dropped()
    {
        var (provider, handler) = Create(["example.org."]);
        var changes = new Changes
        {
            Create =
            [
                new Endpoint("www.example.org", RecordTypes.A, "192.0.2.1").WithSetIdentifier("a"),
                new Endpoint("www.example.org", RecordTypes.A, "192.0.2.2", "192.0.2.1").WithSetIdentifier("b"),
            ],
            Delete = [new Endpoint("www.example.org", RecordTypes.A, "192.0.2.7").WithSetIdentifier("c")],
        };

        await provider.ApplyChangesAsync(changes, CancellationToken.None);

        var rrset = Assert.Single(RRsets(handler.Requests.Single(r => r.Method == "PATCH")));
        Assert.Equal("REPLACE", rrset.GetProperty("changetype").GetString());
        Assert.Equal(["192.0.2.1", "192.0.2.2"], rrset.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("content").GetString()));
    }

    [Fact]
    public async Task Records_outside_the_domain_filter_or_without_zone_are_not_written()
    {
        var (provider, handler) = Create(["example.org.", "sub.example.org.", "other.org."], filter: new DomainFilter(["example.org"], ["sub.example.org"]));
        var changes = new Changes
        {
            Create =
            [
                new Endpoint("www.other.org", RecordTypes.A, "192.0.2.1"), // zone outside the filter
                new Endpoint("www.sub.example.org", RecordTypes.A, "192.0.2.2"), // longest zone is excluded: not the parent either
                new Endpoint("www.nowhere.net", RecordTypes.A, "192.0.2.3"), // no zone at all
                new Endpoint("www.example.org", RecordTypes.A, "192.0.2.4"),
            ],
        };

        await provider.ApplyChangesAsync(changes, CancellationToken.None);

        var patch = Assert.Single(handler.Requests, r => r.Method == "PATCH");
        Assert.Equal("/api/v1/servers/localhost/zones/example.org.", patch.Path);
        Assert.Equal("www.example.org.", Assert.Single(RRsets(patch)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Names_are_sent_lower_case_and_in_ascii()
    {
        var (provider, handler) = Create(["example.org."]);
        await provider.ApplyChangesAsync(new Changes { Create = [new Endpoint("Bücher.Example.org.", RecordTypes.A, "192.0.2.1")] }, CancellationToken.None);
        Assert.Equal("xn--bcher-kva.example.org.", Assert.Single(RRsets(handler.Requests.Single(r => r.Method == "PATCH"))).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_ttl_above_int32_fails_the_whole_change_set_before_any_request()
    {
        var (provider, handler) = Create(["example.org.", "other.org."]);
        var changes = new Changes
        {
            Create =
            [
                new Endpoint("www.example.org", RecordTypes.A, 300, ["192.0.2.1"]),
                new Endpoint("www.other.org", RecordTypes.A, (long)int.MaxValue + 1, ["192.0.2.1"]),
            ],
        };

        var ex = await Assert.ThrowsAsync<InvalidChangeException>(() => provider.ApplyChangesAsync(changes, CancellationToken.None));
        Assert.Contains("www.other.org", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(handler.Requests, r => r.Method == "PATCH");
    }
}

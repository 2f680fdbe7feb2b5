using System.Net;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Providers;
using ExternalDns.Providers.Azure;
using ExternalDns.Testing;
using ExternalDns.Testing.Azure;
using static ExternalDns.Providers.Tests.Azure.AzureTestHarness;

namespace ExternalDns.Providers.Tests.Azure;

public sealed class AzureProviderTests : IAsyncLifetime
{
    private const string Zone = "example.com";
    private AzureTestHarness _h = null!;

    private AzureDnsEmulator Emulator => _h.Emulator;

    public async Task InitializeAsync()
    {
        _h = await AzureTestHarness.StartAsync();
        Emulator.AddZone(AzureZoneKind.Public, Rg, Zone);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private IReadOnlyList<ExternalDns.Testing.Azure.AzureRecordSet> Sets(AzureZoneKind kind = AzureZoneKind.Public, string zone = Zone, string rg = Rg) =>
        [.. Emulator.RecordSets(kind, rg, zone).Where(r => r.Type is not ("SOA" or "NS"))];

    [Fact]
    public async Task Records_follow_next_links_with_the_page_size_as_top()
    {
        for (var i = 0; i < 250; i++)
        {
            Emulator.SetRecordSet(AzureZoneKind.Public, Rg, Zone, $"h{i:D3}", "A", 60, [$"192.0.2.{i % 250}"]);
        }

        Emulator.SetRecordSet(AzureZoneKind.Public, Rg, Zone, "mail", "MX", 300, ["10 mx1.example.com", "20 mx2.example.com"]);
        Emulator.SetRecordSet(AzureZoneKind.Public, Rg, Zone, "_sip._tcp", "SRV", 300, ["1 2 5060 sip.example.com"]);
        var provider = _h.Provider(_h.Options(pageSize: 100));

        var records = await provider.RecordsAsync(CancellationToken.None);

        Assert.Equal(250, records.Count(r => r.RecordType == "A"));
        Assert.Contains(records, r => r.DnsName == "h007.example.com" && r.RecordTtl == 60 && r.Targets.Single() == "192.0.2.7");
        Assert.Contains(records, r => r.DnsName == "mail.example.com" && r.RecordType == "MX" && r.Targets.Count == 2);
        Assert.Contains(records, r => r.DnsName == "_sip._tcp.example.com" && r.Targets.Single() == "1 2 5060 sip.example.com");
        Assert.Contains(records, r => r.DnsName == Zone && r.RecordType == "NS"); // the apex NS of a public zone
        Assert.Equal(3, Emulator.Counters["RecordSets_ListAllByDnsZone"]); // 254 record sets, 100 a page
        Assert.All(Emulator.Counters.Log.Where(r => r.Operation == "RecordSets_ListAllByDnsZone"), r => Assert.Contains("$top=100", r.Query, StringComparison.Ordinal));
        Assert.Equal(1, Emulator.Counters["Zones_ListByResourceGroup"]);
        Assert.Equal(1, Emulator.Counters["Token"]);
    }

    [Fact]
    public async Task First_run_creates_with_default_ttl_and_tags_then_the_second_run_plans_nothing()
    {
        var provider = _h.Provider(_h.Options());
        var tagged = A("app.example.com", "203.0.113.1").WithProviderSpecific(AzureProvider.TagsProperty, "team = dns, cost-center=42,,bad");
        Endpoint[] desired =
        [
            tagged,
            new("www.example.com", "CNAME", 120, ["lb.example.net"]),
            new("mail.example.com", "MX", 0, ["10 mx.example.com"]),
            new("multi.example.com", "A", 0, ["203.0.113.3", "203.0.113.2"]),
        ];

        var first = await SyncAsync(provider, desired);
        var writes = Emulator.Counters.RecordSetWrites;
        var second = await SyncAsync(provider, desired);

        Assert.Equal(4, first.Create.Count);
        Assert.False(second.HasChanges, second.ToString());
        Assert.Equal(writes, Emulator.Counters.RecordSetWrites);
        var app = Sets().Single(r => r.Name == "app" && r.Type == "A");
        Assert.Equal(300, app.Ttl);
        Assert.Equal(new Dictionary<string, string> { ["cost-center"] = "42", ["team"] = "dns" }, app.Metadata);
        Assert.Equal(app.Metadata, Sets().Single(r => r.Name == "a-app").Metadata); // the ownership TXT carries them too
        Assert.Equal(120, Sets().Single(r => r.Name == "www").Ttl);
        Assert.Equal(["10 mx.example.com"], Sets().Single(r => r.Name == "mail" && r.Type == "MX").Values);
        Assert.Equal(8, writes); // one PUT per record set: 4 records, 4 ownership TXT
        Assert.All(Emulator.Counters.Log.Where(r => r.Operation == "RecordSets_CreateOrUpdate"), r => Assert.Equal("*", r.IfNoneMatch));
    }

    [Fact]
    public async Task Updates_and_deletes_send_the_etag_that_was_read()
    {
        var provider = _h.Provider(_h.Options());
        await SyncAsync(provider, [A("app.example.com", "203.0.113.1"), A("old.example.com", "203.0.113.9")]);
        var etags = Sets().ToDictionary(r => (r.Name, r.Type), r => r.Etag);
        Emulator.Counters.Reset();

        await SyncAsync(provider, [A("app.example.com", "203.0.113.2")]);

        Assert.Equal(["203.0.113.2"], Sets().Single(r => r.Name == "app" && r.Type == "A").Values);
        Assert.DoesNotContain(Sets(), r => r.Name.Contains("old", StringComparison.Ordinal));
        var log = Emulator.Counters.Log;
        Assert.Contains(log, r => r.Operation == "RecordSets_CreateOrUpdate" && r.Path.EndsWith("/A/app", StringComparison.Ordinal) && r.IfMatch == etags[("app", "A")]);
        Assert.Contains(log, r => r.Operation == "RecordSets_Delete" && r.Path.EndsWith("/A/old", StringComparison.Ordinal) && r.IfMatch == etags[("old", "A")]);
        Assert.Contains(log, r => r.Operation == "RecordSets_Delete" && r.Path.EndsWith("/TXT/a-old", StringComparison.Ordinal) && r.IfMatch == etags[("a-old", "TXT")]);
        Assert.DoesNotContain(log, r => r.Operation == "RecordSets_CreateOrUpdate" && r.Path.EndsWith("/TXT/a-app", StringComparison.Ordinal)); // unchanged
        Assert.Equal(3, Emulator.Counters.RecordSetWrites);
    }

    [Fact]
    public async Task A_record_set_changed_by_someone_else_after_the_read_is_not_overwritten()
    {
        var provider = _h.Provider(_h.Options());
        await SyncAsync(provider, [A("app.example.com", "203.0.113.1")]);
        var registry = new ExternalDns.Core.Registry.TxtRegistry(provider, new ExternalDns.Core.Registry.TxtRegistryOptions { OwnerId = "test" });
        var current = await registry.RecordsAsync(CancellationToken.None);
        Emulator.SetRecordSet(AzureZoneKind.Public, Rg, Zone, "app", "A", 300, ["198.51.100.77"]); // a human, meanwhile
        var plan = ExternalDns.Core.Planning.Planner.Calculate(current, [A("app.example.com", "203.0.113.2")],
            new ExternalDns.Core.Planning.PlanOptions { OwnerId = "test", DomainFilters = [registry.DomainFilter] });

        var error = await Assert.ThrowsAsync<ProviderTransientException>(() => registry.ApplyChangesAsync(plan.Changes, CancellationToken.None));

        Assert.Contains("app.example.com", error.Message, StringComparison.Ordinal);
        Assert.Contains("etag", error.Message, StringComparison.Ordinal);
        Assert.Equal(["198.51.100.77"], Sets().Single(r => r.Name == "app" && r.Type == "A").Values);
        Assert.Contains(Emulator.Counters.Log, r => r.Status == 412);

        var next = await SyncAsync(provider, [A("app.example.com", "203.0.113.2")]); // the next run reads again and converges
        Assert.Single(next.UpdateNew);
        Assert.Equal(["203.0.113.2"], Sets().Single(r => r.Name == "app" && r.Type == "A").Values);
    }

    [Fact]
    public async Task A_rejected_write_fails_the_run_after_every_other_write_landed()
    {
        var provider = _h.Provider(_h.Options());
        Emulator.Faults.RejectWrites(w => w.Name == "bad" && w.Type == "A", "The record set 'bad' is not allowed by policy.");

        var error = await Assert.ThrowsAsync<ProviderTransientException>(() => SyncAsync(provider, [A("good.example.com", "203.0.113.1"), A("bad.example.com", "203.0.113.2"), A("fine.example.com", "203.0.113.3")]));

        Assert.Contains("1 of 6 record set writes failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("bad.example.com", error.Message, StringComparison.Ordinal);
        Assert.Contains("not allowed by policy", error.Message, StringComparison.Ordinal);
        Assert.Contains(Sets(), r => r.Name == "good" && r.Type == "A");
        Assert.Contains(Sets(), r => r.Name == "fine" && r.Type == "A");
        Assert.DoesNotContain(Sets(), r => r.Name == "bad" && r.Type == "A");
        Assert.Contains(_h.Logger.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains("'bad'", StringComparison.Ordinal));

        Emulator.Faults.Clear();
        await SyncAsync(provider, [A("good.example.com", "203.0.113.1"), A("bad.example.com", "203.0.113.2"), A("fine.example.com", "203.0.113.3")]);
        Assert.Contains(Sets(), r => r.Name == "bad" && r.Type == "A");
    }

    [Fact]
    public async Task Throttling_is_retried_after_retry_after_and_the_run_lands()
    {
        var provider = _h.Provider(_h.Options() with { MaxRetries = 3 });
        Emulator.Faults.Throttle(2, TimeSpan.FromSeconds(1), "RecordSets_CreateOrUpdate");
        Emulator.Faults.FailNext(1, HttpStatusCode.InternalServerError, "RecordSets_ListAllByDnsZone");

        await SyncAsync(provider, [A("app.example.com", "203.0.113.1")]);

        Assert.Contains(Sets(), r => r.Name == "app" && r.Type == "A");
        Assert.Contains(Sets(), r => r.Name == "a-app" && r.Type == "TXT");
        Assert.Equal(4, Emulator.Counters["RecordSets_CreateOrUpdate"]); // 2 throttled + 2 accepted
        Assert.Equal(2, Emulator.Counters["RecordSets_ListAllByDnsZone"]);
        Assert.Equal(2, Emulator.Counters.Log.Count(r => r.Status == 429));
    }

    [Fact]
    public async Task Negative_max_retries_disables_retries_and_the_next_run_lands()
    {
        var provider = _h.Provider(_h.Options() with { MaxRetries = -1 });
        Emulator.Faults.Throttle(1, TimeSpan.FromSeconds(1), "RecordSets_CreateOrUpdate");

        var error = await Assert.ThrowsAsync<ProviderTransientException>(() => SyncAsync(provider, [A("app.example.com", "203.0.113.1")]));
        await SyncAsync(provider, [A("app.example.com", "203.0.113.1")]);

        Assert.Contains("429", error.Message, StringComparison.Ordinal);
        Assert.Contains(Sets(), r => r.Name == "app" && r.Type == "A");
        Assert.Contains(Sets(), r => r.Name == "a-app" && r.Type == "TXT");
    }

    [Fact]
    public async Task Server_errors_on_read_are_transient()
    {
        var provider = _h.Provider(_h.Options());
        Emulator.Faults.FailNext(1, HttpStatusCode.ServiceUnavailable, "RecordSets_ListAllByDnsZone");

        await Assert.ThrowsAsync<ProviderTransientException>(() => provider.RecordsAsync(CancellationToken.None));
        var records = await provider.RecordsAsync(CancellationToken.None);

        Assert.Contains(records, r => r.RecordType == "NS");
    }

    [Fact]
    public async Task Private_zones_are_read_and_written_through_privateDnsZones()
    {
        Emulator.AddZone(AzureZoneKind.Private, Rg, "internal.example");
        Emulator.SetRecordSet(AzureZoneKind.Private, Rg, "internal.example", "human", "A", 300, ["10.0.0.9"]);
        var provider = _h.Provider(_h.Options(isPrivate: true));

        await SyncAsync(provider, [A("db.internal.example", "10.0.0.5"), A("app.example.com", "203.0.113.1")]);
        var second = await SyncAsync(provider, [A("db.internal.example", "10.0.0.5")]);

        var sets = Sets(AzureZoneKind.Private, "internal.example");
        Assert.Contains(sets, r => r.Name == "db" && r.Type == "A" && r.Values.SequenceEqual(["10.0.0.5"]));
        Assert.Contains(sets, r => r.Name == "human");
        Assert.Empty(Sets()); // the public zone of the same name space is not touched
        Assert.False(second.HasChanges);
        Assert.All(Emulator.Counters.Log.Where(r => r.Operation.StartsWith("RecordSets", StringComparison.Ordinal)),
            r => Assert.Contains("privateDnsZones", r.Path, StringComparison.Ordinal));
        Assert.Equal(0, Emulator.Counters["Zones_ListByResourceGroup"]);
    }

    [Fact]
    public async Task Zone_filters_select_zones_as_upstream_and_the_subscription_is_listed_without_a_resource_group()
    {
        Emulator.AddZone(AzureZoneKind.Public, "other-rg", "example.org");
        Emulator.AddZone(AzureZoneKind.Public, Rg, "skip.test");
        var all = _h.Provider(_h.Options(resourceGroup: ""));
        var byId = _h.Provider(_h.Options(resourceGroup: "") with { ZoneIdFilter = ["/dnszones/example.org"] });
        var byDomain = _h.Provider(_h.Options(resourceGroup: ""), new DomainFilter(["example.com"]));
        var byName = _h.Provider(_h.Options(resourceGroup: "") with { ZoneNameFilter = ["skip.test"] }, new DomainFilter(["example.com"]));

        await SyncAsync(all, [A("a.example.org", "203.0.113.1"), A("b.example.com", "203.0.113.2")]);
        await byId.RecordsAsync(CancellationToken.None);
        await byDomain.RecordsAsync(CancellationToken.None);
        await byName.RecordsAsync(CancellationToken.None);

        Assert.Contains(Sets(zone: "example.org", rg: "other-rg"), r => r.Name == "a");
        Assert.Contains(Sets(), r => r.Name == "b");
        Assert.True(byId.DomainFilter.Match("x.example.org"));
        Assert.False(byId.DomainFilter.Match("x.example.com"));
        Assert.True(byDomain.DomainFilter.Match("x.example.com"));
        Assert.False(byDomain.DomainFilter.Match("x.example.org"));
        Assert.True(byName.DomainFilter.Match("x.skip.test"));
        Assert.True(byName.DomainFilter.Match("x.example.com"));
        Assert.Equal(4, Emulator.Counters["Zones_List"]);
    }

    [Fact]
    public async Task The_zone_list_is_cached_for_the_configured_duration()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cached = _h.Provider(_h.Options() with { ZonesCacheDuration = TimeSpan.FromMinutes(5) }, time: time);
        var uncached = _h.Provider(_h.Options(), time: time);

        await cached.RecordsAsync(CancellationToken.None);
        await cached.RecordsAsync(CancellationToken.None);
        var afterCached = Emulator.Counters["Zones_ListByResourceGroup"];
        time.Advance(TimeSpan.FromMinutes(6));
        await cached.RecordsAsync(CancellationToken.None);
        await uncached.RecordsAsync(CancellationToken.None);
        await uncached.RecordsAsync(CancellationToken.None);

        Assert.Equal(1, afterCached);
        Assert.Equal(4, Emulator.Counters["Zones_ListByResourceGroup"]);
    }

    [Fact]
    public async Task Missing_write_permission_is_a_configuration_error_naming_the_role()
    {
        var provider = _h.Provider(_h.Options());
        Emulator.Faults.ForbidWrites = true;

        var error = await Assert.ThrowsAsync<ProviderConfigurationException>(() => SyncAsync(provider, [A("app.example.com", "203.0.113.1")]));

        Assert.Contains("DNS Zone Contributor", error.Message, StringComparison.Ordinal);
        Assert.Contains("AuthorizationFailed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_secret_is_a_configuration_error_and_the_secret_is_never_logged()
    {
        const string wrong = "not-the-secret-Q~123";
        var provider = _h.Provider(_h.Options(secret: wrong));

        var error = await Assert.ThrowsAsync<ProviderConfigurationException>(() => provider.RecordsAsync(CancellationToken.None));

        Assert.Contains("aadClientId", error.Message, StringComparison.Ordinal);
        Assert.Contains("AADSTS7000215", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, error.ToString(), StringComparison.Ordinal);
        Assert.All(_h.Logger.Messages, m => Assert.DoesNotContain(wrong, m, StringComparison.Ordinal));
        Assert.Equal(0, Emulator.Counters.ArmRequests);
    }

    [Fact]
    public async Task Revoked_tokens_are_replaced_once_and_the_request_goes_through()
    {
        var provider = _h.Provider(_h.Options());
        await provider.RecordsAsync(CancellationToken.None);
        Emulator.ExpireTokens();

        var records = await provider.RecordsAsync(CancellationToken.None);

        Assert.NotEmpty(records);
        Assert.Equal(2, Emulator.Counters["Token"]);
    }

    [Fact]
    public void Adjust_endpoints_expands_tags_and_drops_what_azure_cannot_store()
    {
        var provider = _h.Provider(_h.Options(isPrivate: true));
        Endpoint[] input =
        [
            A("a.example.com", "192.0.2.1").WithProviderSpecific("azure/tags", "b=2, a=1"),
            new("ns.example.com", "NS", "ns1.example.net"),
            new("mx.example.com", "MX", "mail.example.com"),
            new("c.example.com", "CNAME", "x.example.net", "y.example.net"),
        ];

        var adjusted = provider.AdjustEndpoints(input);

        Assert.Equal(["a.example.com", "c.example.com"], adjusted.Select(e => e.DnsName));
        Assert.Null(adjusted[0].GetProviderSpecific("azure/tags"));
        Assert.Equal("a,b", adjusted[0].GetProviderSpecific("azure/metadata-keys"));
        Assert.Equal("2", adjusted[0].GetProviderSpecific("azure/metadata-b"));
        Assert.Equal(["x.example.net"], adjusted[1].Targets);
        Assert.Equal(2, input[3].Targets.Count); // the input is not changed
    }
}

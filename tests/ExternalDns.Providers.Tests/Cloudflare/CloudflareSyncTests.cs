using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Providers.Cloudflare;
using ExternalDns.Testing.Cloudflare;

namespace ExternalDns.Providers.Tests.Cloudflare;

public sealed class CloudflareSyncTests
{
    private const string Prefix = "external-dns.kubernetes.io/";

    [Fact]
    public async Task First_sync_creates_one_record_per_target_with_ownership_and_second_run_plans_nothing()
    {
        await using var h = await CloudflareHarness.StartAsync();
        var zone = h.Server.AddZone("example.org");
        h.Source.Endpoints.Add(CloudflareHarness.Ep("www.example.org", "A", "192.0.2.1", "192.0.2.2"));
        h.Source.Endpoints.Add(CloudflareHarness.Ep("app.example.org", "CNAME", "lb.example.net"));

        var first = await h.ReconcileAsync();
        Assert.True(first.Applied);
        var records = h.Server.Records(zone.Id);
        Assert.Equal(2, records.Count(r => r.Name == "www.example.org" && r.Type == "A"));
        Assert.Single(records, r => r.Name == "app.example.org" && r.Type == "CNAME" && r.Content == "lb.example.net");
        Assert.Contains(records, r => r.Type == "TXT" && r.Name == "a-www.example.org" && r.Content.Contains("external-dns/owner=test-owner", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Type == "TXT" && r.Name == "cname-app.example.org");
        Assert.All(records, r => Assert.False(r.Proxied));
        Assert.Equal(1, h.Server.Calls[CloudflareCallCounter.RecordsBatch]);

        h.Server.Calls.Reset();
        var second = await h.ReconcileAsync();
        Assert.False(second.Plan.Changes.HasChanges, second.Plan.Changes.ToString());
        Assert.Equal(0, h.Server.Calls.Writes);
        Assert.Equal(1, h.Server.Calls[CloudflareCallCounter.ZonesList]);
        Assert.Equal(1, h.Server.Calls[CloudflareCallCounter.RecordsList]);
    }

    [Fact]
    public async Task Updates_are_diffed_per_target_and_keep_the_ids_of_kept_records()
    {
        await using var h = await CloudflareHarness.StartAsync();
        var zone = h.Server.AddZone("example.org");
        h.Source.Endpoints.Add(CloudflareHarness.Ep("www.example.org", "A", "192.0.2.1", "192.0.2.2"));
        await h.ReconcileAsync();
        var kept = h.Server.Records(zone.Id).Single(r => r.Content == "192.0.2.1");

        h.Source.Endpoints[0] = CloudflareHarness.Ep("www.example.org", "A", "192.0.2.1", "192.0.2.3");
        var outcome = await h.ReconcileAsync();
        Assert.Single(outcome.Plan.Changes.UpdateNew);

        var a = h.Server.Records(zone.Id).Where(r => r.Type == "A").ToList();
        Assert.Equal(["192.0.2.1", "192.0.2.3"], a.Select(r => r.Content).Order());
        Assert.Equal(kept, a.Single(r => r.Content == "192.0.2.1"));
        Assert.False((await h.ReconcileAsync()).Plan.Changes.HasChanges);
    }

    [Fact]
    public async Task Deleted_endpoint_removes_its_records_and_ownership_only()
    {
        await using var h = await CloudflareHarness.StartAsync();
        var zone = h.Server.AddZone("example.org");
        h.Server.AddRecord(zone.Id, "foreign", "A", "198.51.100.1");
        h.Server.AddRecord(zone.Id, "other", "A", "198.51.100.2");
        h.Server.AddRecord(zone.Id, "a-other", "TXT", "\"heritage=external-dns,external-dns/owner=someone-else,external-dns/resource=service/default/x\"");
        h.Source.Endpoints.Add(CloudflareHarness.Ep("www.example.org", "A", "192.0.2.1"));
        await h.ReconcileAsync();

        h.Source.Endpoints.Clear();
        h.Source.Endpoints.Add(CloudflareHarness.Ep("other.example.org", "A", "192.0.2.99"));
        await h.ReconcileAsync();

        var records = h.Server.Records(zone.Id);
        Assert.DoesNotContain(records, r => r.Name.EndsWith("www.example.org", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Name == "foreign.example.org" && r.Content == "198.51.100.1");
        Assert.Contains(records, r => r.Name == "other.example.org" && r.Content == "198.51.100.2");
        Assert.DoesNotContain(records, r => r.Content == "192.0.2.99");
    }

    [Fact]
    public async Task Proxied_comment_tags_and_multi_target_round_trip_without_an_update_loop()
    {
        // Upstream ED#6135: proxied and multi-target A records are updated on every run.
        await using var h = await CloudflareHarness.StartAsync(o => new() { BaseUrl = o.BaseUrl, Http = o.Http, BatchChangeInterval = TimeSpan.Zero, Proxied = true, RecordComment = "managed by external-dns" });
        var zone = h.Server.AddZone("example.org", CloudflarePlan.Pro);
        var web = CloudflareHarness.Ep("web.example.org", "A", "192.0.2.2", "192.0.2.1", "192.0.2.1");
        web.RecordTtl = 300;
        web.WithProviderSpecific(Prefix + "cloudflare-tags", " team:web , env:prod,team:web,");
        var api = CloudflareHarness.Ep("api.example.org", "CNAME", "lb.example.net");
        api.WithProviderSpecific("external-dns.alpha.kubernetes.io/cloudflare-proxied", "false");
        api.WithProviderSpecific(Prefix + "cloudflare-record-comment", "api\nendpoint");
        var txt = CloudflareHarness.Ep("txt.example.org", "TXT", "\"hello\"");
        txt.WithProviderSpecific(Prefix + "cloudflare-proxied", "true");
        var other = CloudflareHarness.Ep("x.example.org", "A", "192.0.2.7");
        other.WithProviderSpecific("aws/weight", "10");
        h.Source.Endpoints.AddRange([web, api, txt, other]);

        await h.ReconcileAsync();
        var records = h.Server.Records(zone.Id);
        var webRecords = records.Where(r => r.Name == "web.example.org").ToList();
        Assert.Equal(2, webRecords.Count);
        Assert.All(webRecords, r =>
        {
            Assert.True(r.Proxied);
            Assert.Equal(1, r.Ttl);
            Assert.Equal("managed by external-dns", r.Comment);
            Assert.Equal(["env:prod", "team:web"], r.Tags.Order());
        });
        var apiRecord = records.Single(r => r.Name == "api.example.org");
        Assert.False(apiRecord.Proxied);
        Assert.Equal("api endpoint", apiRecord.Comment);
        // The ownership TXT records carry the record's properties (proxied=true for web) but are never proxied.
        Assert.Contains(records, r => r.Type == "TXT" && r.Name == "a-web.example.org" && r.Comment == "managed by external-dns");
        Assert.All(records.Where(r => r.Type == "TXT"), r => Assert.False(r.Proxied));

        for (var run = 0; run < 2; run++)
        {
            h.Server.Calls.Reset();
            var again = await h.ReconcileAsync();
            Assert.False(again.Plan.Changes.HasChanges, $"run {run + 2}: {again.Plan.Changes} {string.Join(' ', again.Plan.Changes.UpdateNew)}");
            Assert.Equal(0, h.Server.Calls.Writes);
        }
    }

    [Fact]
    public async Task Changing_the_proxied_annotation_updates_in_place_then_converges()
    {
        await using var h = await CloudflareHarness.StartAsync();
        var zone = h.Server.AddZone("example.org");
        var web = CloudflareHarness.Ep("web.example.org", "A", "192.0.2.1", "192.0.2.2");
        web.RecordTtl = 120;
        h.Source.Endpoints.Add(web);
        await h.ReconcileAsync();
        Assert.All(h.Server.Records(zone.Id).Where(r => r.Type == "A"), r => Assert.Equal(120, r.Ttl));

        h.Source.Endpoints[0].WithProviderSpecific(Prefix + "cloudflare-proxied", "true");
        h.Server.Calls.Reset();
        var update = await h.ReconcileAsync();
        Assert.Single(update.Plan.Changes.UpdateNew);
        Assert.All(h.Server.Records(zone.Id).Where(r => r.Type == "A"), r => Assert.True(r.Proxied && r.Ttl == 1));
        Assert.Equal(1, h.Server.Calls[CloudflareCallCounter.RecordsBatch]);
        Assert.False((await h.ReconcileAsync()).Plan.Changes.HasChanges);
    }

    [Fact]
    public async Task Records_that_drifted_apart_are_rewritten_once()
    {
        await using var h = await CloudflareHarness.StartAsync();
        var zone = h.Server.AddZone("example.org");
        h.Source.Endpoints.Add(CloudflareHarness.Ep("web.example.org", "A", "192.0.2.1", "192.0.2.2"));
        await h.ReconcileAsync();
        var one = h.Server.Records(zone.Id).First(r => r.Content == "192.0.2.2");
        h.Server.ReplaceRecord(one with { Proxied = true, Ttl = 1 });

        var fix = await h.ReconcileAsync();
        Assert.Single(fix.Plan.Changes.UpdateNew);
        Assert.All(h.Server.Records(zone.Id).Where(r => r.Type == "A"), r => Assert.False(r.Proxied));
        Assert.False((await h.ReconcileAsync()).Plan.Changes.HasChanges);
    }

    [Theory]
    [InlineData(CloudflarePlan.Free, 100)]
    [InlineData(CloudflarePlan.Business, 500)]
    public async Task Long_comments_are_trimmed_to_the_plan_limit_and_do_not_loop(CloudflarePlan plan, int limit)
    {
        await using var h = await CloudflareHarness.StartAsync();
        var zone = h.Server.AddZone("example.org", plan);
        var e = CloudflareHarness.Ep("web.example.org", "A", "192.0.2.1");
        e.WithProviderSpecific(Prefix + "cloudflare-record-comment", new string('é', 700));
        h.Source.Endpoints.Add(e);

        await h.ReconcileAsync();
        var record = h.Server.Records(zone.Id).Single(r => r.Type == "A");
        Assert.Equal(limit, record.Comment!.Length);
        Assert.False((await h.ReconcileAsync()).Plan.Changes.HasChanges);
        Assert.Contains(h.Logs.Warnings, w => w.Contains($"({limit} characters)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ttl_outside_cloudflare_range_is_clamped_once_and_does_not_loop()
    {
        await using var h = await CloudflareHarness.StartAsync();
        var zone = h.Server.AddZone("example.org");
        var e = CloudflareHarness.Ep("web.example.org", "A", "192.0.2.1");
        e.RecordTtl = 30;
        h.Source.Endpoints.Add(e);
        await h.ReconcileAsync();
        Assert.Equal(60, h.Server.Records(zone.Id).Single(r => r.Type == "A").Ttl);
        Assert.False((await h.ReconcileAsync()).Plan.Changes.HasChanges);
    }

    [Fact]
    public async Task Mx_srv_and_txt_records_round_trip()
    {
        await using var h = await CloudflareHarness.StartAsync();
        var zone = h.Server.AddZone("example.org");
        h.Server.AddRecord(zone.Id, "mail", "MX", "mx1.example.org", priority: 10);
        h.Server.AddSrvRecord(zone.Id, "_sip._tcp", new CloudflareSrvData(1, 2, 5060, "sip.example.org"));
        var endpoints = await h.Provider.RecordsAsync(CancellationToken.None);
        Assert.Contains(endpoints, e => e.RecordType == "MX" && e.Targets.Single() == "10 mx1.example.org");
        Assert.Contains(endpoints, e => e.RecordType == "SRV" && e.Targets.Single() == "1 2 5060 sip.example.org.");

        var changes = new Changes
        {
            Create =
            {
                new Endpoint("mail2.example.org", "MX", "20 mx2.example.org"),
                new Endpoint("_xmpp._tcp.example.org", "SRV", "5 10 5222 xmpp.example.org."),
                new Endpoint("note.example.org", "TXT", "\"v=1\""),
            },
        };
        await h.Provider.ApplyChangesAsync(changes, CancellationToken.None);
        var records = h.Server.Records(zone.Id);
        Assert.Contains(records, r => r.Type == "MX" && r.Name == "mail2.example.org" && r.Priority == 20 && r.Content == "mx2.example.org");
        Assert.Contains(records, r => r.Type == "SRV" && r.Srv == new CloudflareSrvData(5, 10, 5222, "xmpp.example.org"));
        Assert.Contains(records, r => r.Type == "TXT" && r.Content == "\"v=1\"");
    }

    [Fact]
    public async Task A_name_in_no_managed_zone_is_skipped_with_a_warning_not_an_api_error()
    {
        await using var h = await CloudflareHarness.StartAsync();
        var zone = h.Server.AddZone("example.org");
        h.Source.Endpoints.Add(CloudflareHarness.Ep("www.example.org", "A", "192.0.2.1"));
        h.Source.Endpoints.Add(CloudflareHarness.Ep("www.elsewhere.net", "A", "192.0.2.2"));
        var outcome = await h.ReconcileAsync();
        Assert.Single(outcome.Plan.Changes.Create);
        Assert.Contains(h.Logs.Warnings, w => w.Contains("www.elsewhere.net", StringComparison.Ordinal) && w.Contains("no managed zone", StringComparison.Ordinal));
        Assert.DoesNotContain(h.Server.Requests, r => r.Status >= 400);
        Assert.Equal(2, h.Server.Records(zone.Id).Count);
    }

    [Fact]
    public async Task Cname_with_several_targets_keeps_one_and_does_not_loop()
    {
        await using var h = await CloudflareHarness.StartAsync();
        var zone = h.Server.AddZone("example.org");
        h.Source.Endpoints.Add(CloudflareHarness.Ep("app.example.org", "CNAME", "lb2.example.net", "lb1.example.net"));
        await h.ReconcileAsync();
        Assert.Equal("lb1.example.net", h.Server.Records(zone.Id).Single(r => r.Type == "CNAME").Content);
        Assert.False((await h.ReconcileAsync()).Plan.Changes.HasChanges);
        Assert.Contains(h.Logs.Warnings, w => w.Contains("one CNAME per name", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dry_run_writes_nothing()
    {
        await using var h = await CloudflareHarness.StartAsync();
        var zone = h.Server.AddZone("example.org");
        h.Source.Endpoints.Add(CloudflareHarness.Ep("www.example.org", "A", "192.0.2.1"));
        var reconciler = new ExternalDns.Core.Controller.Reconciler(h.Source, h.Registry, new ExternalDns.Core.Controller.ControllerOptions { DryRun = true },
            new ExternalDns.Core.Controller.ControllerMetrics(new ExternalDns.Core.Metrics.MetricRegistry()), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ExternalDns.Core.Controller.Reconciler>.Instance);
        var outcome = await reconciler.RunOnceAsync(CancellationToken.None);
        Assert.True(outcome.Plan.Changes.HasChanges);
        Assert.Equal(0, h.Server.Calls.Writes);
        Assert.Empty(h.Server.Records(zone.Id));
    }

    [Fact]
    public async Task Provider_never_writes_on_an_empty_change_set()
    {
        await using var h = await CloudflareHarness.StartAsync();
        h.Server.AddZone("example.org");
        await h.Provider.ApplyChangesAsync(new Changes(), CancellationToken.None);
        Assert.Equal(0, h.Server.Calls.Total);
        Assert.IsType<DomainFilter>(h.Provider.DomainFilter);
        await Assert.ThrowsAsync<ArgumentNullException>(() => h.Provider.ApplyChangesAsync(null!, CancellationToken.None));
        _ = typeof(ProviderTransientException);
    }
}

using ExternalDns.Core.Controller;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Registry;
using ExternalDns.Core.Sources;
using ExternalDns.Testing.Google;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Providers.Tests.Google;

/// <summary>The Google provider against the Cloud DNS emulator, credentials through a service account key file.</summary>
public sealed class GoogleProviderTests
{
    private const string Project = GoogleTestBed.Project;

    [Fact]
    public async Task Records_page_through_zones_and_record_sets_and_skip_peering_and_forwarding_zones()
    {
        await using var bed = await GoogleTestBed.StartAsync(new CloudDnsEmulatorOptions { DefaultPageSize = 3 });
        bed.Emulator.AddZone(Project, "example-org", "example.org.");
        bed.Emulator.AddZone(Project, "internal", "internal.example.", "private");
        bed.Emulator.AddZone(Project, "peer", "peer.example.", "private", CloudDnsZoneKind.Peering);
        bed.Emulator.AddZone(Project, "fwd", "fwd.example.", "private", CloudDnsZoneKind.Forwarding);
        bed.Emulator.AddZone(Project, "other", "other.test.");
        for (var i = 0; i < 10; i++)
        {
            bed.Emulator.PutRecords(Project, "example-org", new CloudDnsRecordSet($"h{i}.example.org.", "A", 60 + i, $"10.0.0.{i}"));
        }

        bed.Emulator.PutRecords(Project, "example-org",
            new CloudDnsRecordSet("www.example.org.", "CNAME", 300, "lb.example.net."),
            new CloudDnsRecordSet("mail.example.org.", "MX", 300, "10 mx.example.org."),
            new CloudDnsRecordSet("a-www.example.org.", "TXT", 300, "\"heritage=external-dns,external-dns/owner=x\""),
            new CloudDnsRecordSet("ca.example.org.", "CAA", 300, "0 issue \"letsencrypt.org\""));
        bed.Emulator.PutRecords(Project, "internal", new CloudDnsRecordSet("db.internal.example.", "A", 300, "10.1.0.1"));

        var provider = bed.Provider(domainFilter: DomainFilter.FromFlags(["example.org", "internal.example", "peer.example", "fwd.example"], [], "", ""));
        var records = await provider.RecordsAsync(CancellationToken.None);

        Assert.Equal(10, records.Count(r => r.DnsName.StartsWith('h') && r.RecordType == "A"));
        Assert.Contains(records, r => r.DnsName == "h7.example.org" && r.RecordTtl == 67 && r.Targets.Single() == "10.0.0.7");
        Assert.Contains(records, r => r.DnsName == "www.example.org" && r.RecordType == "CNAME" && r.Targets.Single() == "lb.example.net");
        Assert.Contains(records, r => r.DnsName == "mail.example.org" && r.RecordType == "MX" && r.Targets.Single() == "10 mx.example.org");
        Assert.Contains(records, r => r.DnsName == "a-www.example.org" && r.RecordType == "TXT");
        Assert.Contains(records, r => r.DnsName == "db.internal.example");
        Assert.DoesNotContain(records, r => r.RecordType is "SOA" or "CAA");
        Assert.Contains(records, r => r.DnsName == "example.org" && r.RecordType == "NS");
        Assert.DoesNotContain(records, r => r.DnsName.EndsWith("other.test", StringComparison.Ordinal));

        // 5 zones at 3 per page = 2 zone pages; example.org has 16 record sets (6 pages), internal 3 (1 page).
        Assert.Equal(2, bed.Emulator.Calls(CloudDnsOperations.ManagedZonesList));
        Assert.Equal(7, bed.Emulator.Calls(CloudDnsOperations.ResourceRecordSetsList));
        Assert.True(provider.DomainFilter.Match("x.internal.example"));
        Assert.False(provider.DomainFilter.Match("x.peer.example"));
        Assert.False(provider.DomainFilter.Match("x.fwd.example"));
    }

    [Theory]
    [InlineData("", "", new[] { "split-public", "split-private", "other" })]
    [InlineData("public", "", new[] { "split-public", "other" })]
    [InlineData("private", "", new[] { "split-private" })]
    [InlineData("", "split-private", new[] { "split-private" })]
    [InlineData("public", "split-private", new string[0])]
    public async Task Zones_are_filtered_by_visibility_and_zone_id_filter_by_name(string visibility, string idFilter, string[] expected)
    {
        await using var bed = await GoogleTestBed.StartAsync();
        bed.Emulator.AddZone(Project, "split-public", "cluster.example.", "public");
        bed.Emulator.AddZone(Project, "split-private", "cluster.example.", "private");
        bed.Emulator.AddZone(Project, "other", "other.example.", "public");
        bed.Emulator.PutRecords(Project, "split-public", new CloudDnsRecordSet("a.cluster.example.", "TXT", 300, "\"split-public\""));
        bed.Emulator.PutRecords(Project, "split-private", new CloudDnsRecordSet("b.cluster.example.", "TXT", 300, "\"split-private\""));
        bed.Emulator.PutRecords(Project, "other", new CloudDnsRecordSet("c.other.example.", "TXT", 300, "\"other\""));

        var provider = bed.Provider(bed.Options(o => new() { Project = o.Project, ApiEndpoint = o.ApiEndpoint, ZoneVisibility = visibility, ZoneIdFilter = idFilter.Length == 0 ? [] : [idFilter] }));
        var records = await provider.RecordsAsync(CancellationToken.None);

        Assert.Equal(expected.Order(), records.Where(r => r.RecordType == "TXT").Select(r => r.Targets.Single().Trim('"')).Order());
    }

    [Fact]
    public async Task Zone_id_filter_matches_the_numeric_id()
    {
        await using var bed = await GoogleTestBed.StartAsync();
        var kept = bed.Emulator.AddZone(Project, "kept", "kept.example.");
        bed.Emulator.AddZone(Project, "dropped", "dropped.example.");
        bed.Emulator.PutRecords(Project, "kept", new CloudDnsRecordSet("a.kept.example.", "A", 300, "10.0.0.1"));
        bed.Emulator.PutRecords(Project, "dropped", new CloudDnsRecordSet("a.dropped.example.", "A", 300, "10.0.0.2"));

        var provider = bed.Provider(bed.Options(o => new() { Project = o.Project, ApiEndpoint = o.ApiEndpoint, ZoneIdFilter = [kept.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)] }));
        var records = await provider.RecordsAsync(CancellationToken.None);

        Assert.Contains(records, r => r.DnsName == "a.kept.example");
        Assert.DoesNotContain(records, r => r.DnsName == "a.dropped.example");
    }

    [Fact]
    public async Task Creates_updates_and_deletes_with_exact_deletions_in_batches_of_the_batch_size()
    {
        await using var bed = await GoogleTestBed.StartAsync();
        bed.Emulator.AddZone(Project, "example-org", "example.org.");
        bed.Emulator.PutRecords(Project, "example-org",
            new CloudDnsRecordSet("old.example.org.", "A", 42, "10.9.9.9"),
            new CloudDnsRecordSet("upd.example.org.", "CNAME", 3600, "old.example.net."));
        var provider = bed.Provider(bed.Options(o => new() { Project = o.Project, ApiEndpoint = o.ApiEndpoint, BatchChangeSize = 2, BatchChangeInterval = TimeSpan.FromMilliseconds(1), ChangePollInterval = TimeSpan.FromMilliseconds(1) }));
        var current = await provider.RecordsAsync(CancellationToken.None);
        var old = current.Single(r => r.DnsName == "old.example.org");
        var upd = current.Single(r => r.DnsName == "upd.example.org");

        // The deletions carry no TTL (as a registry's ownership TXT would): the provider deletes what it read.
        await provider.ApplyChangesAsync(new Changes
        {
            Create = [new Endpoint("new.example.org", "A", "10.0.0.1", "10.0.0.2"), new Endpoint("srv._tcp.example.org", "SRV", 120, ["0 50 443 target.example.org"])],
            UpdateOld = [new Endpoint(upd.DnsName, "CNAME", upd.Targets.ToArray())],
            UpdateNew = [new Endpoint(upd.DnsName, "CNAME", 600, ["new.example.net"])],
            Delete = [new Endpoint(old.DnsName, "A", old.Targets.ToArray())],
        }, CancellationToken.None);

        var records = bed.Emulator.Records(Project, "example-org");
        AssertHas(records, new CloudDnsRecordSet("new.example.org.", "A", 300, "10.0.0.1", "10.0.0.2"));
        AssertHas(records, new CloudDnsRecordSet("srv._tcp.example.org.", "SRV", 120, "0 50 443 target.example.org."));
        AssertHas(records, new CloudDnsRecordSet("upd.example.org.", "CNAME", 600, "new.example.net."));
        Assert.DoesNotContain(records, r => r.Name == "old.example.org.");
        // 4 groups (new, srv, upd with 2 items, old) at 2 changes per batch: new+srv, upd, old = 3 changes, each polled until done.
        Assert.Equal(3, bed.Emulator.Calls(CloudDnsOperations.ChangesCreate));
        Assert.Equal(3, bed.Emulator.Calls(CloudDnsOperations.ChangesGet));
        Assert.Equal(3, provider.ChangesCreated);
    }

    [Fact]
    public async Task A_rejected_change_is_split_so_every_valid_change_lands_and_the_rejected_names_are_reported()
    {
        await using var bed = await GoogleTestBed.StartAsync();
        bed.Emulator.AddZone(Project, "example-org", "example.org.");
        bed.Emulator.PutRecords(Project, "example-org", new CloudDnsRecordSet("taken.example.org.", "A", 300, "10.9.9.9"));
        var provider = bed.Provider();
        await provider.RecordsAsync(CancellationToken.None);
        var create = Enumerable.Range(0, 30).Select(i => new Endpoint($"ok{i}.example.org", "A", $"10.0.0.{i}")).ToList();
        create.Insert(7, new Endpoint("taken.example.org", "A", "10.0.0.99"));     // 409 alreadyExists
        create.Insert(20, new Endpoint("bad.example.org", "A", "999.1.2.3"));       // 400 invalidRecordData

        var ex = await Assert.ThrowsAsync<ProviderTransientException>(() => provider.ApplyChangesAsync(new Changes { Create = create }, CancellationToken.None));

        Assert.StartsWith("2 of 32 Cloud DNS record set changes rejected", ex.Message, StringComparison.Ordinal);
        Assert.Contains("taken.example.org", ex.Message, StringComparison.Ordinal);
        Assert.Contains("alreadyExists", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bad.example.org", ex.Message, StringComparison.Ordinal);
        var names = bed.Emulator.Records(Project, "example-org").Select(r => r.Name).ToHashSet();
        Assert.All(Enumerable.Range(0, 30), i => Assert.Contains($"ok{i}.example.org.", names));
        AssertHas(bed.Emulator.Records(Project, "example-org"), new CloudDnsRecordSet("taken.example.org.", "A", 300, "10.9.9.9"));
        Assert.Contains(bed.Logs.Messages, m => m.StartsWith("Warning: Cloud DNS rejected the change of bad.example.org", StringComparison.Ordinal));
        // The whole batch, then halves around the two bad groups: at most 1 + 2 x 2 x log2(32) calls, fewer than one per record.
        Assert.InRange(bed.Emulator.Calls(CloudDnsOperations.ChangesCreate), 3, 21);
    }

    [Fact]
    public async Task A_record_and_its_ownership_txt_land_together_or_not_at_all()
    {
        await using var bed = await GoogleTestBed.StartAsync();
        bed.Emulator.AddZone(Project, "example-org", "example.org.");
        bed.Emulator.PutRecords(Project, "example-org", new CloudDnsRecordSet("a-blocked.example.org.", "TXT", 300, "\"someone else\""));
        var provider = bed.Provider();
        await provider.RecordsAsync(CancellationToken.None);
        var txt = new Endpoint("a-blocked.example.org", "TXT", "\"heritage=external-dns,external-dns/owner=me\"");
        txt.Labels[Labels.OwnedRecordKey] = "blocked.example.org";
        var okTxt = new Endpoint("a-fine.example.org", "TXT", "\"heritage=external-dns,external-dns/owner=me\"");
        okTxt.Labels[Labels.OwnedRecordKey] = "fine.example.org";

        await Assert.ThrowsAsync<ProviderTransientException>(() => provider.ApplyChangesAsync(new Changes
        {
            Create = [new Endpoint("blocked.example.org", "A", "10.0.0.1"), txt, new Endpoint("fine.example.org", "A", "10.0.0.2"), okTxt],
        }, CancellationToken.None));

        var names = bed.Emulator.Records(Project, "example-org").Select(r => r.Name).ToHashSet();
        Assert.DoesNotContain("blocked.example.org.", names);
        Assert.Contains("fine.example.org.", names);
        Assert.Contains("a-fine.example.org.", names);
    }

    [Fact]
    public async Task Throttling_429_and_403_rate_limit_and_5xx_are_retried_then_succeed()
    {
        await using var bed = await GoogleTestBed.StartAsync();
        bed.Emulator.AddZone(Project, "example-org", "example.org.");
        var provider = bed.Provider();
        bed.Emulator.FailNext(2, 429, operation: CloudDnsOperations.ManagedZonesList);
        bed.Emulator.FailNext(1, 403, "rateLimitExceeded", CloudDnsOperations.ResourceRecordSetsList);
        bed.Emulator.FailNext(1, 503, operation: CloudDnsOperations.ChangesCreate);

        await provider.RecordsAsync(CancellationToken.None);
        await provider.ApplyChangesAsync(new Changes { Create = [new Endpoint("a.example.org", "A", "10.0.0.1")] }, CancellationToken.None);

        Assert.Equal(3, bed.Emulator.Calls(CloudDnsOperations.ManagedZonesList));
        Assert.Equal(2, bed.Emulator.Calls(CloudDnsOperations.ResourceRecordSetsList));
        Assert.Equal(2, bed.Emulator.Calls(CloudDnsOperations.ChangesCreate));
        Assert.Contains(bed.Emulator.Records(Project, "example-org"), r => r.Name == "a.example.org.");

        // Every attempt is counted in the shared metrics, per Cloud DNS operation and outcome.
        var metrics = bed.Metrics.Render();
        Assert.Contains("external_dns_provider_api_calls_total{operation=\"managedZones.list\",outcome=\"throttled\",provider=\"google\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("external_dns_provider_api_calls_total{operation=\"changes.create\",outcome=\"server_error\",provider=\"google\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("external_dns_provider_api_calls_total{operation=\"changes.create\",outcome=\"success\",provider=\"google\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("external_dns_provider_api_calls_total{operation=\"oauth2.token\",outcome=\"success\",provider=\"google\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Persistent_throttling_is_a_transient_failure_and_quota_exceeded_is_not_retried()
    {
        await using var bed = await GoogleTestBed.StartAsync();
        bed.Emulator.AddZone(Project, "example-org", "example.org.");
        var provider = bed.Provider(httpRetries: 2);
        bed.Emulator.FailNext(100, 429);

        var ex = await Assert.ThrowsAsync<ProviderTransientException>(() => provider.RecordsAsync(CancellationToken.None));
        Assert.Contains("HTTP 429 rateLimitExceeded", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, bed.Emulator.Calls(CloudDnsOperations.ManagedZonesList)); // the shared stack's 2 retries

        // 403 rateLimitExceeded is Google's own: the client retries it (3 times here), then gives up as transient.
        bed.Emulator.ClearFaults();
        bed.Emulator.ResetCounters();
        bed.Emulator.FailNext(100, 403, "rateLimitExceeded");
        var rateEx = await Assert.ThrowsAsync<ProviderTransientException>(() => provider.RecordsAsync(CancellationToken.None));
        Assert.Contains("HTTP 403 rateLimitExceeded", rateEx.Message, StringComparison.Ordinal);
        Assert.Equal(4, bed.Emulator.Calls(CloudDnsOperations.ManagedZonesList));

        await using var quota = await GoogleTestBed.StartAsync();
        quota.Emulator.AddZone(Project, "example-org", "example.org.");
        quota.Emulator.FailNext(1, 403, "quotaExceeded");
        var quotaEx = await Assert.ThrowsAsync<ProviderTransientException>(() => quota.Provider().RecordsAsync(CancellationToken.None));
        Assert.Contains("quota exceeded", quotaEx.Message, StringComparison.Ordinal);
        Assert.Equal(1, quota.Emulator.Calls(CloudDnsOperations.ManagedZonesList));
    }

    [Fact]
    public async Task A_revoked_token_is_replaced_once_and_the_call_repeated()
    {
        await using var bed = await GoogleTestBed.StartAsync();
        bed.Emulator.AddZone(Project, "example-org", "example.org.");
        var provider = bed.Provider();
        await provider.RecordsAsync(CancellationToken.None);
        bed.Emulator.RevokeTokens();

        await provider.RecordsAsync(CancellationToken.None);

        Assert.Equal(2, bed.Emulator.Calls(CloudDnsOperations.Token));
        Assert.Equal(2, bed.Emulator.IssuedTokens.Count);
    }

    [Fact]
    public async Task A_second_reconcile_plans_nothing_and_writes_nothing_and_no_token_is_logged()
    {
        await using var bed = await GoogleTestBed.StartAsync();
        bed.Emulator.AddZone(Project, "example-org", "example.org.");
        bed.Emulator.AddZone(Project, "internal", "internal.example.", "private");
        bed.Emulator.PutRecords(Project, "example-org", new CloudDnsRecordSet("human.example.org.", "A", 300, "192.0.2.1"));
        var desired = new List<Endpoint>
        {
            new("app.example.org", "A", "203.0.113.10"),
            new("www.example.org", "CNAME", "lb.example.net"),
            new("ttl.example.org", "A", 60, ["203.0.113.11"]),
            new("db.internal.example", "A", "10.1.0.1"),
        };

        var first = await ReconcileAsync(bed, desired);
        Assert.Equal(4, first.Plan.Changes.Create.Count);
        var writes = bed.Emulator.Calls(CloudDnsOperations.ChangesCreate);
        Assert.Equal(2, writes); // one change per zone

        var second = await ReconcileAsync(bed, desired);
        Assert.False(second.Plan.Changes.HasChanges, "second run planned: " + $"{second.Plan.Changes.Create.Count} create, {second.Plan.Changes.UpdateNew.Count} update, {second.Plan.Changes.Delete.Count} delete");
        Assert.Equal(writes, bed.Emulator.Calls(CloudDnsOperations.ChangesCreate));
        AssertHas(bed.Emulator.Records(Project, "example-org"), new CloudDnsRecordSet("human.example.org.", "A", 300, "192.0.2.1"));
        AssertHas(bed.Emulator.Records(Project, "example-org"), new CloudDnsRecordSet("app.example.org.", "A", 300, "203.0.113.10"));

        Assert.NotEmpty(bed.Emulator.IssuedTokens);
        var logs = bed.Logs.AllText;
        Assert.All(bed.Emulator.IssuedTokens, t => Assert.DoesNotContain(t, logs, StringComparison.Ordinal));
        Assert.DoesNotContain("PRIVATE KEY", logs, StringComparison.Ordinal);
    }

    private static async Task<ReconcileOutcome> ReconcileAsync(GoogleTestBed bed, IReadOnlyList<Endpoint> desired)
    {
        var provider = bed.Provider();
        var registry = new TxtRegistry(provider, new TxtRegistryOptions { OwnerId = "test" });
        var reconciler = new Reconciler(
            new StaticSource(desired), registry, new ControllerOptions { Policy = Policy.Sync }, new ControllerMetrics(new MetricRegistry()), TimeProvider.System, NullLogger<Reconciler>.Instance);
        return await reconciler.RunOnceAsync(CancellationToken.None);
    }

    private static void AssertHas(IReadOnlyList<CloudDnsRecordSet> records, CloudDnsRecordSet expected) =>
        Assert.True(records.Any(r => r.SameAs(expected)), $"missing {expected} in: {string.Join("; ", records)}");

    private sealed class StaticSource(IReadOnlyList<Endpoint> endpoints) : ISource
    {
        public string Name => "static";

        public Task<SourceResult> EndpointsAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new SourceResult([.. endpoints.Select(e => e.Clone())]));
    }
}

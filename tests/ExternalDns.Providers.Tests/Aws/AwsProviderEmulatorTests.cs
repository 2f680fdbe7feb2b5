using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Providers;
using ExternalDns.Providers.Aws;
using ExternalDns.Testing.Route53;
using static ExternalDns.Providers.Tests.Aws.Route53TestBed;

namespace ExternalDns.Providers.Tests.Aws;

public sealed class AwsProviderEmulatorTests : IAsyncLifetime
{
    private Route53TestBed _bed = null!;

    private Route53Emulator Emulator => _bed.Emulator;

    public async Task InitializeAsync() => _bed = await StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Records_are_read_across_pages_of_300()
    {
        var zone = Emulator.CreateHostedZone("example.org");
        for (var i = 0; i < 700; i++)
        {
            Emulator.Seed(zone.Id, new Route53RecordSet { Name = $"h{i:D4}.example.org", Type = "A", Ttl = 60, Values = [$"192.0.2.{i % 250}"] });
        }

        Emulator.Seed(zone.Id, new Route53RecordSet { Name = "*.example.org", Type = "CNAME", Ttl = 60, Values = ["h0001.example.org"] });
        using var provider = _bed.Provider();
        var records = await provider.RecordsAsync(CancellationToken.None);

        Assert.Equal(700, records.Count(r => r.RecordType == "A"));
        Assert.Contains(records, r => r.DnsName == "*.example.org" && r.RecordType == "CNAME" && r.GetProviderSpecific("alias") == "false");
        Assert.Contains(records, r => r.DnsName == "example.org" && r.RecordType == "NS");
        Assert.DoesNotContain(records, r => r.RecordType == "SOA");
        Assert.Equal(3, Emulator.Calls.Count(Route53Emulator.ListResourceRecordSets)); // 703 record sets / 300
        Assert.Equal(1, Emulator.Calls.Count(Route53Emulator.ListHostedZones));
    }

    [Fact]
    public async Task First_sync_creates_aliases_for_albs_in_two_regions_and_a_second_run_plans_nothing()
    {
        var zone = Emulator.CreateHostedZone("example.org");
        using var provider = _bed.Provider();
        var desired = new List<Endpoint>
        {
            Ep("app.example.org", "CNAME", "my-alb-123456.us-east-1.elb.amazonaws.com").WithLabel("resource", "ingress/default/app"),
            Ep("eu.example.org", "CNAME", "k8s-default-eu-0123.eu-west-1.elb.amazonaws.com").WithLabel("resource", "ingress/default/eu"),
            Ep("nlb.example.org", "CNAME", "a1b2c3-0123.elb.us-west-2.amazonaws.com"),
            Ep("cdn.example.org", "CNAME", "d111111abcdef8.cloudfront.net"),
            Ep("plain.example.org", "CNAME", "www.example.net"),
            Ep("ip.example.org", "A", "192.0.2.10", "192.0.2.11"),
            Ep("v6.example.org", "AAAA", "2001:db8::1"),
            Ep("ttl.example.org", "A", "192.0.2.12"),
        };
        desired[^1].RecordTtl = 60;

        var first = await SyncAsync(provider, desired);
        Assert.Equal(12, first.Create.Count); // 4 AWS targets x (A + AAAA alias) + plain CNAME + A + AAAA + A with TTL

        var app = Emulator.Find(zone.Id, "app.example.org", "A")!;
        Assert.Equal(new Route53AliasTarget("Z35SXDOTRQ7X7K", "my-alb-123456.us-east-1.elb.amazonaws.com.", true), app.AliasTarget);
        Assert.Null(app.Ttl);
        Assert.Equal("Z35SXDOTRQ7X7K", Emulator.Find(zone.Id, "app.example.org", "AAAA")!.AliasTarget!.HostedZoneId);
        Assert.Equal("Z32O12XQLNTSW2", Emulator.Find(zone.Id, "eu.example.org", "A")!.AliasTarget!.HostedZoneId);
        Assert.Equal("Z18D5FSROUN65G", Emulator.Find(zone.Id, "nlb.example.org", "AAAA")!.AliasTarget!.HostedZoneId);
        Assert.Equal("Z2FDTNDATAQYW2", Emulator.Find(zone.Id, "cdn.example.org", "A")!.AliasTarget!.HostedZoneId);
        Assert.Equal(["www.example.net"], Emulator.Find(zone.Id, "plain.example.org", "CNAME")!.Values);
        Assert.Equal(300, Emulator.Find(zone.Id, "ip.example.org", "A")!.Ttl);
        Assert.Equal(60, Emulator.Find(zone.Id, "ttl.example.org", "A")!.Ttl);
        Assert.Equal(["\"heritage=external-dns,external-dns/owner=test-owner,external-dns/resource=ingress/default/app\""], Emulator.Find(zone.Id, "a-app.example.org", "TXT")!.Values);
        Assert.NotNull(Emulator.Find(zone.Id, "aaaa-app.example.org", "TXT"));

        var writes = Emulator.Calls.Count(Route53Emulator.ChangeResourceRecordSets);
        Assert.Equal(1, writes);
        var second = await SyncAsync(provider, desired);
        Assert.False(second.HasChanges, second.ToString());
        Assert.Equal(writes, Emulator.Calls.Count(Route53Emulator.ChangeResourceRecordSets));

        using var fresh = _bed.Provider();
        Assert.False((await SyncAsync(fresh, desired)).HasChanges);
    }

    [Fact]
    public async Task Every_routing_policy_is_written_and_read_back_without_changes()
    {
        var zone = Emulator.CreateHostedZone("example.org");
        using var provider = _bed.Provider();
        Endpoint Policy(string id, string target, params (string Name, string Value)[] properties)
        {
            var ep = Ep("www.example.org", "A", target).WithSetIdentifier(id);
            foreach (var (name, value) in properties)
            {
                ep.SetProviderSpecific(name, value);
            }

            return ep;
        }

        var weighted = new[]
        {
            Policy("w1", "192.0.2.1", ("aws/weight", "10"), ("aws/health-check-id", "11111111-2222-3333-4444-555555555555")),
            Policy("w2", "192.0.2.2", ("aws/weight", "020")),
        };
        var others = new List<Endpoint>
        {
            Ep("lat.example.org", "A", "192.0.2.3").WithSetIdentifier("eu").WithProviderSpecific("aws/region", "eu-west-1"),
            Ep("fo.example.org", "A", "192.0.2.4").WithSetIdentifier("primary").WithProviderSpecific("aws/failover", "primary"),
            Ep("geo.example.org", "A", "192.0.2.5").WithSetIdentifier("europe").WithProviderSpecific("aws/geolocation-continent-code", "EU"),
            Ep("geo.example.org", "A", "192.0.2.6").WithSetIdentifier("us-ca").WithProviderSpecific("aws/geolocation-country-code", "US").WithProviderSpecific("aws/geolocation-subdivision-code", "CA"),
            Ep("prox.example.org", "A", "192.0.2.7").WithSetIdentifier("r").WithProviderSpecific("aws/geoproximity-region", "us-west-2"),
            Ep("prox.example.org", "A", "192.0.2.8").WithSetIdentifier("c").WithProviderSpecific("aws/geoproximity-coordinates", "49.22, -74.01").WithProviderSpecific("aws/geoproximity-bias", "15"),
            Ep("prox.example.org", "A", "192.0.2.9").WithSetIdentifier("lz").WithProviderSpecific("aws/geoproximity-local-zone-group", "us-west-2-lax-1"),
            Ep("mv.example.org", "A", "192.0.2.10").WithSetIdentifier("m1").WithProviderSpecific("aws/multi-value-answer", "true"),
            Ep("alias.example.org", "CNAME", "lb-1.eu-west-1.elb.amazonaws.com").WithSetIdentifier("blue").WithProviderSpecific("aws/weight", "50").WithProviderSpecific("aws/evaluate-target-health", "false"),
        };
        var desired = weighted.Concat(others).ToList();
        await SyncAsync(provider, desired);

        var w1 = Emulator.Find(zone.Id, "www.example.org", "A", "w1")!;
        Assert.Equal((10L, "11111111-2222-3333-4444-555555555555"), (w1.Weight!.Value, w1.HealthCheckId!));
        Assert.Equal(20, Emulator.Find(zone.Id, "www.example.org", "A", "w2")!.Weight);
        Assert.Equal(10, Emulator.Find(zone.Id, "w1.a-www.example.org", "TXT", "w1") is null ? 10 : 0);
        Assert.NotNull(Emulator.Find(zone.Id, "a-www.example.org", "TXT", "w1"));
        Assert.Equal("eu-west-1", Emulator.Find(zone.Id, "lat.example.org", "A", "eu")!.Region);
        Assert.Equal("PRIMARY", Emulator.Find(zone.Id, "fo.example.org", "A", "primary")!.Failover);
        Assert.Equal(new Route53GeoLocation("EU", null, null), Emulator.Find(zone.Id, "geo.example.org", "A", "europe")!.GeoLocation);
        Assert.Equal(new Route53GeoLocation(null, "US", "CA"), Emulator.Find(zone.Id, "geo.example.org", "A", "us-ca")!.GeoLocation);
        Assert.Equal(new Route53GeoProximity("us-west-2", null, null, null, 0), Emulator.Find(zone.Id, "prox.example.org", "A", "r")!.GeoProximity);
        Assert.Equal(new Route53GeoProximity(null, null, "49.22", "-74.01", 15), Emulator.Find(zone.Id, "prox.example.org", "A", "c")!.GeoProximity);
        Assert.Equal(new Route53GeoProximity(null, "us-west-2-lax-1", null, null, 0), Emulator.Find(zone.Id, "prox.example.org", "A", "lz")!.GeoProximity);
        Assert.True(Emulator.Find(zone.Id, "mv.example.org", "A", "m1")!.MultiValueAnswer);
        var alias = Emulator.Find(zone.Id, "alias.example.org", "AAAA", "blue")!;
        Assert.Equal((50L, false), (alias.Weight!.Value, alias.AliasTarget!.EvaluateTargetHealth));

        var second = await SyncAsync(provider, desired);
        Assert.False(second.HasChanges, second.ToString());
    }

    [Fact]
    public async Task A_change_of_routing_policy_is_a_delete_and_a_create_in_one_batch()
    {
        var zone = Emulator.CreateHostedZone("example.org");
        using var provider = _bed.Provider();
        await SyncAsync(provider, [Ep("www.example.org", "A", "192.0.2.1").WithSetIdentifier("one").WithProviderSpecific("aws/weight", "10")]);
        var before = Emulator.Calls.AppliedBatches.Count;

        var changes = await SyncAsync(provider, [Ep("www.example.org", "A", "192.0.2.1").WithSetIdentifier("one").WithProviderSpecific("aws/region", "eu-west-1")]);
        Assert.Single(changes.UpdateNew);
        var batch = Assert.Single(Emulator.Calls.AppliedBatches.Skip(before));
        Assert.Equal(["DELETE", "DELETE", "CREATE", "CREATE"], batch.Changes.Select(c => c.Action));
        var record = Emulator.Find(zone.Id, "www.example.org", "A", "one")!;
        Assert.Equal(("eu-west-1", (long?)null), (record.Region, record.Weight));
        Assert.False((await SyncAsync(provider, [Ep("www.example.org", "A", "192.0.2.1").WithSetIdentifier("one").WithProviderSpecific("aws/region", "eu-west-1")])).HasChanges);
    }

    [Fact]
    public async Task A_batch_with_one_invalid_change_lands_everything_else_and_names_the_invalid_one()
    {
        var zone = Emulator.CreateHostedZone("example.org");
        using var provider = _bed.Provider();
        var registry = new Core.Registry.TxtRegistry(provider, new Core.Registry.TxtRegistryOptions { OwnerId = "test-owner" });
        var current = await registry.RecordsAsync(CancellationToken.None);
        var desired = Enumerable.Range(0, 12).Select(i => Ep($"r{i:D2}.example.org", "A", $"192.0.2.{i + 1}")).ToList();
        var plan = Core.Planning.Planner.Calculate(current, registry.AdjustEndpoints(desired), new Core.Planning.PlanOptions { OwnerId = "test-owner", DomainFilters = [provider.DomainFilter] });

        // Between the read and the write someone else creates r07: its CREATE is now invalid.
        Emulator.Seed(zone.Id, new Route53RecordSet { Name = "r07.example.org", Type = "A", Ttl = 300, Values = ["198.51.100.1"] });
        var error = await Assert.ThrowsAsync<ProviderTransientException>(() => registry.ApplyChangesAsync(plan.Changes, CancellationToken.None));

        Assert.Contains("r07.example.org", error.Message, StringComparison.Ordinal);
        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("1 of 24", error.Message, StringComparison.Ordinal);
        foreach (var i in Enumerable.Range(0, 12).Where(i => i != 7))
        {
            Assert.NotNull(Emulator.Find(zone.Id, $"r{i:D2}.example.org", "A"));
            Assert.NotNull(Emulator.Find(zone.Id, $"a-r{i:D2}.example.org", "TXT"));
        }

        Assert.Equal(["198.51.100.1"], Emulator.Find(zone.Id, "r07.example.org", "A")!.Values);
        Assert.Null(Emulator.Find(zone.Id, "a-r07.example.org", "TXT"));
        Assert.Contains(_bed.Log.Messages, m => m.StartsWith("Warning", StringComparison.Ordinal) && m.Contains("r07.example.org", StringComparison.Ordinal));
        Assert.True(Emulator.Calls.Count(Route53Emulator.ChangeResourceRecordSets) <= 1 + (2 * 4), "halving 12 groups finds the bad one in a handful of calls");
    }

    [Fact]
    public async Task Throttling_is_retried_with_backoff_and_then_succeeds()
    {
        Emulator.CreateHostedZone("example.org");
        Emulator.Faults.FailNext(2, Route53FaultKind.Throttling, Route53Emulator.ListResourceRecordSets);
        Emulator.Faults.FailNext(1, Route53FaultKind.PriorRequestNotComplete, Route53Emulator.ChangeResourceRecordSets);
        Emulator.Faults.FailNext(1, Route53FaultKind.ServiceUnavailable, Route53Emulator.ListHostedZones);
        using var provider = _bed.Provider();

        var changes = await SyncAsync(provider, [Ep("www.example.org", "A", "192.0.2.1")]);

        Assert.Single(changes.Create);
        Assert.Equal(3, Emulator.Calls.Count(Route53Emulator.ListResourceRecordSets));
        Assert.Equal(2, Emulator.Calls.Count(Route53Emulator.ChangeResourceRecordSets));
        Assert.Equal(2, Emulator.Calls.Count(Route53Emulator.ListHostedZones));
        Assert.Contains(_bed.Log.Messages, m => m.Contains("Throttling", StringComparison.Ordinal) && m.Contains("retrying", StringComparison.Ordinal));
        var metrics = _bed.Metrics.Render();
        Assert.Contains(metrics.Split('\n'), l => l.StartsWith("external_dns_provider_api_calls_total{", StringComparison.Ordinal)
            && l.Contains("provider=\"aws\"", StringComparison.Ordinal) && l.Contains("operation=\"ChangeResourceRecordSets\"", StringComparison.Ordinal));
        Assert.Contains("external_dns_http_request_duration_seconds", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttling_beyond_the_retries_is_a_transient_error_not_a_crash()
    {
        Emulator.CreateHostedZone("example.org");
        Emulator.Faults.FailNext(10, Route53FaultKind.Throttling, Route53Emulator.ListHostedZones);
        using var provider = _bed.Provider(Options() with { ApiRetries = 2 });

        var error = await Assert.ThrowsAsync<ProviderTransientException>(() => provider.RecordsAsync(CancellationToken.None));
        Assert.Contains("ListHostedZones", error.Message, StringComparison.Ordinal);
        Assert.Contains("Throttling", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, Emulator.Calls.Count(Route53Emulator.ListHostedZones));

        Emulator.Faults.Reset();
        Assert.NotNull(await provider.RecordsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Records_go_to_every_matching_private_zone_and_the_best_public_zone()
    {
        var publicParent = Emulator.CreateHostedZone("example.org");
        var publicChild = Emulator.CreateHostedZone("sub.example.org");
        var privateParent = Emulator.CreateHostedZone("example.org", vpc: ("eu-west-1", "vpc-1"));
        var privateChild = Emulator.CreateHostedZone("sub.example.org", vpc: ("eu-west-1", "vpc-2"));
        using var provider = _bed.Provider();

        await SyncAsync(provider, [Ep("www.sub.example.org", "A", "192.0.2.1")]);

        Assert.NotNull(Emulator.Find(publicChild.Id, "www.sub.example.org", "A"));
        Assert.NotNull(Emulator.Find(privateParent.Id, "www.sub.example.org", "A"));
        Assert.NotNull(Emulator.Find(privateChild.Id, "www.sub.example.org", "A"));
        Assert.Null(Emulator.Find(publicParent.Id, "www.sub.example.org", "A"));
        Assert.False((await SyncAsync(provider, [Ep("www.sub.example.org", "A", "192.0.2.1")])).HasChanges);

        // Deleting removes it from each zone it was read from.
        await SyncAsync(provider, []);
        Assert.Null(Emulator.Find(publicChild.Id, "www.sub.example.org", "A"));
        Assert.Null(Emulator.Find(privateParent.Id, "www.sub.example.org", "A"));
        Assert.Null(Emulator.Find(privateChild.Id, "www.sub.example.org", "A"));
    }

    [Fact]
    public async Task Zone_type_filter_and_hosted_zone_pin_select_zones()
    {
        var publicZone = Emulator.CreateHostedZone("example.org");
        var privateZone = Emulator.CreateHostedZone("example.org", vpc: ("eu-west-1", "vpc-1"));
        using (var onlyPrivate = _bed.Provider(Options() with { ZoneType = AwsZoneType.Private }))
        {
            await SyncAsync(onlyPrivate, [Ep("internal.example.org", "A", "10.0.0.1")]);
        }

        Assert.NotNull(Emulator.Find(privateZone.Id, "internal.example.org", "A"));
        Assert.Null(Emulator.Find(publicZone.Id, "internal.example.org", "A"));

        using var both = _bed.Provider();
        var pinned = Ep("pinned.example.org", "A", "192.0.2.1").WithProviderSpecific("aws/hosted-zone-id", "/hostedzone/" + publicZone.Id);
        await SyncAsync(both, [pinned]);
        Assert.NotNull(Emulator.Find(publicZone.Id, "pinned.example.org", "A"));
        Assert.NotNull(Emulator.Find(publicZone.Id, "a-pinned.example.org", "TXT"));
        Assert.Null(Emulator.Find(privateZone.Id, "pinned.example.org", "A"));
        Assert.Null(Emulator.Find(privateZone.Id, "a-pinned.example.org", "TXT"));
        Assert.False((await SyncAsync(both, [pinned])).HasChanges);
    }

    [Fact]
    public async Task Zone_tags_are_read_ten_zones_a_call_and_a_filter_that_matches_nothing_is_named()
    {
        var tagged = new List<Route53HostedZone>();
        for (var i = 0; i < 12; i++)
        {
            var zone = Emulator.CreateHostedZone($"z{i:D2}.example.org", tags: i % 2 == 0 ? new Dictionary<string, string> { ["env"] = "prod", ["team"] = "dns" } : new Dictionary<string, string> { ["env"] = "dev" });
            if (i % 2 == 0)
            {
                tagged.Add(zone);
            }
        }

        using var provider = _bed.Provider(Options() with { ZoneTags = new Dictionary<string, string> { ["env"] = "prod", ["team"] = "" } });
        await SyncAsync(provider, [Ep("www.z00.example.org", "A", "192.0.2.1"), Ep("www.z01.example.org", "A", "192.0.2.1")]);
        Assert.Equal(2, Emulator.Calls.Count(Route53Emulator.ListTagsForResources));
        Assert.Equal(6, Emulator.Calls.Count(Route53Emulator.ListResourceRecordSets));
        Assert.NotNull(Emulator.Find(tagged[0].Id, "www.z00.example.org", "A"));
        Assert.DoesNotContain(Emulator.Calls.AppliedBatches, b => b.Changes.Any(c => c.RecordSet.Name.Contains("z01", StringComparison.Ordinal)));

        using var none = _bed.Provider(Options() with { ZoneTags = new Dictionary<string, string> { ["env"] = "staging" } });
        Assert.Empty(await none.RecordsAsync(CancellationToken.None));
        Assert.Contains(_bed.Log.Messages, m => m.StartsWith("Warning", StringComparison.Ordinal) && m.Contains("--aws-zone-tags=env=staging matches no hosted zone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Zone_id_filter_that_matches_nothing_and_names_outside_every_zone_get_warnings()
    {
        var zone = Emulator.CreateHostedZone("example.org");
        using (var filtered = _bed.Provider(Options() with { ZoneIdFilter = ["ZDOESNOTEXIST", zone.Id] }))
        {
            await filtered.RecordsAsync(CancellationToken.None);
        }

        Assert.Contains(_bed.Log.Messages, m => m.StartsWith("Warning", StringComparison.Ordinal) && m.Contains("--zone-id-filter=ZDOESNOTEXIST matches no hosted zone", StringComparison.Ordinal));

        using var provider = _bed.Provider();
        var changes = await SyncAsync(provider, [Ep("www.example.org", "A", "192.0.2.1"), Ep("www.elsewhere.net", "A", "192.0.2.2")]);
        Assert.Single(changes.Create);
        Assert.Contains(_bed.Log.Messages, m => m.StartsWith("Warning", StringComparison.Ordinal) && m.Contains("www.elsewhere.net", StringComparison.Ordinal) && m.Contains("no managed hosted zone", StringComparison.Ordinal));
        Assert.Null(Emulator.Find(zone.Id, "www.elsewhere.net", "A"));
    }

    [Fact]
    public async Task Zone_match_parent_manages_the_zone_above_a_domain_filter_entry()
    {
        var zone = Emulator.CreateHostedZone("example.org");
        var filter = new DomainFilter(["app.example.org"]);
        using (var strict = _bed.Provider(domainFilter: filter))
        {
            await strict.RecordsAsync(CancellationToken.None);
            Assert.Equal(0, Emulator.Calls.Count(Route53Emulator.ListResourceRecordSets));
        }

        using var parent = _bed.Provider(Options() with { ZoneMatchParent = true }, domainFilter: filter);
        await SyncAsync(parent, [Ep("www.app.example.org", "A", "192.0.2.1")]);
        Assert.NotNull(Emulator.Find(zone.Id, "www.app.example.org", "A"));
    }

    [Fact]
    public async Task Zone_list_is_cached_for_the_configured_duration()
    {
        Emulator.CreateHostedZone("example.org");
        var time = new Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        using var provider = _bed.Provider(Options() with { ZonesCacheDuration = TimeSpan.FromMinutes(2) }, time: time);
        await provider.RecordsAsync(CancellationToken.None);
        await provider.RecordsAsync(CancellationToken.None);
        Assert.Equal(1, Emulator.Calls.Count(Route53Emulator.ListHostedZones));
        time.Advance(TimeSpan.FromMinutes(3)); // within the 5 min signature skew the emulator allows
        await provider.RecordsAsync(CancellationToken.None);
        Assert.Equal(2, Emulator.Calls.Count(Route53Emulator.ListHostedZones));
    }

    [Fact]
    public async Task Batches_respect_the_change_limit_and_keep_a_record_with_its_txt()
    {
        var zone = Emulator.CreateHostedZone("example.org");
        using var provider = _bed.Provider(Options() with { BatchChangeSize = 10 });
        await SyncAsync(provider, [.. Enumerable.Range(0, 25).Select(i => Ep($"r{i:D2}.example.org", "A", "192.0.2.1"))]);

        var batches = Emulator.Calls.AppliedBatches;
        Assert.Equal(5, batches.Count);
        Assert.All(batches, b => Assert.True(b.Changes.Count <= 10));
        foreach (var batch in batches)
        {
            foreach (var (_, set) in batch.Changes.Where(c => c.RecordSet.Type == "A"))
            {
                Assert.Contains(batch.Changes, c => c.RecordSet.Type == "TXT" && c.RecordSet.Name == "a-" + set.Name);
            }
        }

        Assert.Equal(50 + 2, Emulator.RecordSets(zone.Id).Count);
    }

    [Fact]
    public async Task A_group_larger_than_every_batch_is_skipped_with_a_warning()
    {
        var zone = Emulator.CreateHostedZone("example.org");
        using var provider = _bed.Provider(Options() with { BatchChangeSizeValues = 4 });
        var error = await Assert.ThrowsAsync<ProviderTransientException>(() => SyncAsync(provider, [Ep("big.example.org", "A", "192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"), Ep("small.example.org", "A", "192.0.2.9")]));
        Assert.Contains("big.example.org", error.Message, StringComparison.Ordinal);
        Assert.Null(Emulator.Find(zone.Id, "big.example.org", "A"));
        Assert.NotNull(Emulator.Find(zone.Id, "small.example.org", "A"));
        Assert.Contains(_bed.Log.Messages, m => m.StartsWith("Warning", StringComparison.Ordinal) && m.Contains("--aws-batch-change-size-values=4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Prefer_cname_keeps_cnames_and_prefer_alias_makes_same_zone_aliases()
    {
        var zone = Emulator.CreateHostedZone("example.org");
        Emulator.Seed(zone.Id, new Route53RecordSet { Name = "target.example.org", Type = "A", Ttl = 300, Values = ["192.0.2.1"] });
        Emulator.Seed(zone.Id, new Route53RecordSet { Name = "target.example.org", Type = "AAAA", Ttl = 300, Values = ["2001:db8::1"] });
        using (var cname = _bed.Provider(Options() with { PreferCname = true }))
        {
            await SyncAsync(cname, [Ep("lb.example.org", "CNAME", "my-alb.us-east-1.elb.amazonaws.com")]);
            Assert.False((await SyncAsync(cname, [Ep("lb.example.org", "CNAME", "my-alb.us-east-1.elb.amazonaws.com")])).HasChanges);
        }

        Assert.Equal(["my-alb.us-east-1.elb.amazonaws.com"], Emulator.Find(zone.Id, "lb.example.org", "CNAME")!.Values);

        using var alias = _bed.Provider(Options() with { PreferAlias = true, EvaluateTargetHealth = false });
        await SyncAsync(alias, [Ep("apex-alias.example.org", "CNAME", "target.example.org")]);
        Assert.Equal(new Route53AliasTarget(zone.Id, "target.example.org.", false), Emulator.Find(zone.Id, "apex-alias.example.org", "A")!.AliasTarget);
        Assert.False((await SyncAsync(alias, [Ep("apex-alias.example.org", "CNAME", "target.example.org")])).HasChanges);
    }

    [Fact]
    public async Task Foreign_records_and_other_owners_records_are_never_changed()
    {
        var zone = Emulator.CreateHostedZone("example.org");
        Emulator.Seed(zone.Id, new Route53RecordSet { Name = "foreign.example.org", Type = "A", Ttl = 300, Values = ["198.51.100.1"] });
        Emulator.Seed(zone.Id, new Route53RecordSet { Name = "other.example.org", Type = "A", Ttl = 300, Values = ["198.51.100.2"] });
        Emulator.Seed(zone.Id, new Route53RecordSet { Name = "a-other.example.org", Type = "TXT", Ttl = 300, Values = ["\"heritage=external-dns,external-dns/owner=someone-else,external-dns/resource=service/default/x\""] });
        using var provider = _bed.Provider();

        await SyncAsync(provider, [Ep("foreign.example.org", "A", "192.0.2.1"), Ep("other.example.org", "A", "192.0.2.2"), Ep("mine.example.org", "A", "192.0.2.3")]);
        await SyncAsync(provider, []);

        Assert.Equal(["198.51.100.1"], Emulator.Find(zone.Id, "foreign.example.org", "A")!.Values);
        Assert.Equal(["198.51.100.2"], Emulator.Find(zone.Id, "other.example.org", "A")!.Values);
        Assert.Null(Emulator.Find(zone.Id, "mine.example.org", "A"));
        Assert.Null(Emulator.Find(zone.Id, "a-mine.example.org", "TXT"));
    }

    [Fact]
    public async Task Wildcards_and_txt_values_round_trip_without_updates()
    {
        var zone = Emulator.CreateHostedZone("example.org");
        using var provider = _bed.Provider();
        var desired = new[] { Ep("*.apps.example.org", "A", "192.0.2.1"), Ep("txt.example.org", "TXT", "v=spf1 -all") };
        await SyncAsync(provider, desired, managed: ["A", "TXT"]);
        Assert.NotNull(Emulator.Find(zone.Id, "\\052.apps.example.org", "A"));
        Assert.Equal(["\"v=spf1 -all\""], Emulator.Find(zone.Id, "txt.example.org", "TXT")!.Values);
        Assert.False((await SyncAsync(provider, desired, managed: ["A", "TXT"])).HasChanges);
    }
}

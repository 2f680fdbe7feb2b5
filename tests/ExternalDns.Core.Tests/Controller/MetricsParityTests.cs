using ExternalDns.Core.Controller;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.InMemory;
using ExternalDns.Core.Registry;
using ExternalDns.Core.Sources;
using ExternalDns.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Core.Tests.Controller;

/// <summary>
/// Upstream's metrics that ExternalDns adds for parity (owner-mismatch labels, invalid and deduplicated endpoints, the
/// provider cache counters) and its own (reconcile duration by outcome), fed by real reconciles.
/// </summary>
public class MetricsParityTests
{
    private static Reconciler Create(ISource source, IDnsProvider provider, string owner, ControllerMetrics metrics, TimeProvider? time = null) =>
        new(source, new TxtRegistry(provider, new TxtRegistryOptions { OwnerId = owner }), new ControllerOptions { Policy = Policy.Sync }, metrics, time ?? TimeProvider.System, NullLogger<Reconciler>.Instance);

    [Fact]
    public async Task Owner_mismatch_carries_upstreams_labels_and_is_reset_every_sync()
    {
        var provider = new InMemoryProvider(new InMemoryProviderOptions { Zones = ["example.org"] });
        var desired = new ScriptedSource { Endpoints = [new Endpoint("shop.eu.example.org", "A", "192.0.2.1")] };
        await Create(desired, provider, "other-cluster", new ControllerMetrics(new MetricRegistry())).RunOnceAsync(CancellationToken.None);

        var metrics = new ControllerMetrics(new MetricRegistry());
        var mine = new ScriptedSource { Endpoints = [new Endpoint("shop.eu.example.org", "A", "192.0.2.2")] };
        var reconciler = Create(mine, provider, "me", metrics);

        var outcome = await reconciler.RunOnceAsync(CancellationToken.None);

        Assert.False(outcome.Plan.Changes.HasChanges);
        Assert.Equal(1, metrics.OwnerMismatch.Get("A", "me", "other-cluster", "eu.example.org"));
        Assert.Contains(
            "external_dns_registry_skipped_records_owner_mismatch_per_sync{domain=\"eu.example.org\",foreign_owner=\"other-cluster\",owner=\"me\",record_type=\"A\"} 1",
            metrics.Registry.Render(),
            StringComparison.Ordinal);

        mine.Endpoints = [];
        await reconciler.RunOnceAsync(CancellationToken.None);
        Assert.Null(metrics.OwnerMismatch.Find("A", "me", "other-cluster", "eu.example.org"));
    }

    [Theory]
    [InlineData("www.example.org", "example.org")]
    [InlineData("a.b.example.org", "b.example.org")]
    [InlineData("example.org", "example.org")]
    [InlineData("localhost", "localhost")]
    public void Naked_domain_drops_the_first_label_unless_one_label_would_remain(string name, string expected) =>
        Assert.Equal(expected, Reconciler.NakedDomain(name));

    [Fact]
    public async Task Duplicates_across_sources_and_invalid_endpoints_of_a_source_are_counted_by_type_and_source()
    {
        var one = new ScriptedSource { Endpoints = [Resource(new Endpoint("www.example.org", "A", "192.0.2.1"), "service/default/web")] };
        var two = new ScriptedSource { Endpoints = [Resource(new Endpoint("www.example.org", "A", "192.0.2.1"), "ingress/default/web")] };
        var invalid = new EndpointTally();
        invalid.Add("CNAME", "crd", 2);
        var three = new TallySource(invalid);
        var metrics = new ControllerMetrics(new MetricRegistry());
        var provider = new InMemoryProvider(new InMemoryProviderOptions { Zones = ["example.org"] });

        await Create(new SourcePipeline([one, two, three], TimeSpan.Zero), provider, "me", metrics).RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, metrics.DeduplicatedEndpoints.Get("A", "ingress"));
        Assert.Equal(2, metrics.InvalidEndpoints.Get("CNAME", "crd"));
        Assert.Equal(1, metrics.SourceEndpoints.Value);

        // The gauges describe the current view: once the duplicate is gone, so is its series.
        two.Endpoints = [];
        await Create(new SourcePipeline([one, two], TimeSpan.Zero), provider, "me", metrics).RunOnceAsync(CancellationToken.None);
        Assert.Null(metrics.DeduplicatedEndpoints.Find("A", "ingress"));
        Assert.Null(metrics.InvalidEndpoints.Find("CNAME", "crd"));
    }

    [Theory]
    [InlineData("service/default/web", "service")]
    [InlineData("httproute/team/shop", "gateway-httproute")]
    [InlineData("ingressroutetcp/team/db", "traefik-proxy")]
    [InlineData("HTTPProxy/team/x", "contour-httpproxy")]
    [InlineData("something/else", "unknown")]
    [InlineData(null, "unknown")]
    public void Source_type_comes_from_the_resource_label(string? resource, string expected) =>
        Assert.Equal(expected, SourceTypes.FromResource(resource));

    [Fact]
    public async Task Reconcile_duration_is_observed_per_outcome_with_buckets_and_inf()
    {
        var time = new FakeTimeProvider();
        var metrics = new ControllerMetrics(new MetricRegistry());
        var provider = new InMemoryProvider(new InMemoryProviderOptions { Zones = ["example.org"] });
        var source = new ScriptedSource { Endpoints = [new Endpoint("www.example.org", "A", "192.0.2.1")] };
        var reconciler = Create(source, provider, "me", metrics, time);

        await reconciler.RunOnceAsync(CancellationToken.None);
        source.Fail = () => new InvalidOperationException("source down");
        await Assert.ThrowsAsync<InvalidOperationException>(() => reconciler.RunOnceAsync(CancellationToken.None));

        Assert.Equal(1, metrics.ReconcileDuration.WithLabels("success").Count);
        Assert.Equal(1, metrics.ReconcileDuration.WithLabels("failed").Count);
        var text = metrics.Registry.Render();
        Assert.Contains("# TYPE external_dns_controller_reconcile_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("external_dns_controller_reconcile_duration_seconds_bucket{outcome=\"success\",le=\"+Inf\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("external_dns_controller_reconcile_duration_seconds_bucket{outcome=\"failed\",le=\"0.01\"} 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provider_cache_counts_reads_from_the_cache_and_from_the_provider_and_apply_calls()
    {
        var time = new FakeTimeProvider();
        var registry = new MetricRegistry();
        var cacheMetrics = new ProviderCacheMetrics(registry);
        var cache = new CachingProvider(new InMemoryProvider(new InMemoryProviderOptions { Zones = ["example.org"] }), TimeSpan.FromMinutes(1), time, cacheMetrics);

        await cache.RecordsAsync(CancellationToken.None);
        await cache.RecordsAsync(CancellationToken.None);
        await cache.ApplyChangesAsync(new Changes { Create = [new Endpoint("a.example.org", "A", "192.0.2.1")] }, CancellationToken.None);
        await cache.RecordsAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(2));
        await cache.RecordsAsync(CancellationToken.None);

        Assert.Equal(1, cacheMetrics.RecordsCalls.Get("true"));
        Assert.Equal(3, cacheMetrics.RecordsCalls.Get("false"));
        Assert.Equal(1, cacheMetrics.ApplyChangesCalls.Value);
        Assert.Contains("external_dns_provider_cache_records_calls{from_cache=\"true\"} 1", registry.Render(), StringComparison.Ordinal);
    }

    private static Endpoint Resource(Endpoint endpoint, string resource)
    {
        endpoint.Labels[Labels.ResourceKey] = resource;
        return endpoint;
    }

    private sealed class TallySource(EndpointTally invalid) : ISource
    {
        public string Name => "tally";

        public Task<SourceResult> EndpointsAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new SourceResult([]) { InvalidEndpoints = invalid });
    }
}

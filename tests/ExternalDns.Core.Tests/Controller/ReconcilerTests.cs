using ExternalDns.Core.Controller;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.InMemory;
using ExternalDns.Core.Registry;
using ExternalDns.Core.Sources;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Core.Tests.Controller;

public class ReconcilerTests
{
    private static Reconciler Create(ISource source, IDnsProvider provider, bool dryRun, out ControllerMetrics metrics)
    {
        metrics = new ControllerMetrics(new MetricRegistry());
        var registry = new TxtRegistry(provider, new TxtRegistryOptions { OwnerId = "me" });
        return new Reconciler(source, registry, new ControllerOptions { DryRun = dryRun, Policy = Policy.Sync }, metrics, TimeProvider.System, NullLogger<Reconciler>.Instance);
    }

    [Fact]
    public async Task Applies_the_plan_with_ownership_records()
    {
        var provider = new InMemoryProvider(new InMemoryProviderOptions { Zones = ["example.org"] });
        var source = new ScriptedSource { Endpoints = [new Endpoint("app.example.org", "A", "192.0.2.1")] };
        var reconciler = Create(source, provider, dryRun: false, out var metrics);

        var outcome = await reconciler.RunOnceAsync(CancellationToken.None);

        Assert.True(outcome.Applied);
        var records = await provider.RecordsAsync(CancellationToken.None);
        Assert.Contains(records, r => r.DnsName == "app.example.org" && r.RecordType == "A");
        Assert.Contains(records, r => r.DnsName == "a-app.example.org" && r.RecordType == "TXT" && r.Targets[0] == "\"heritage=external-dns,external-dns/owner=me\"");

        var second = await reconciler.RunOnceAsync(CancellationToken.None);
        Assert.False(second.Plan.Changes.HasChanges);
        Assert.Equal(1, metrics.NoOpRuns.Value);
    }

    [Fact]
    public async Task Dry_run_never_calls_a_write_method()
    {
        var provider = new ThrowingWriteProvider();
        var source = new ScriptedSource { Endpoints = [new Endpoint("app.example.org", "A", "192.0.2.1")] };
        var reconciler = Create(source, provider, dryRun: true, out _);

        var outcome = await reconciler.RunOnceAsync(CancellationToken.None);

        Assert.False(outcome.Applied);
        Assert.True(outcome.DryRun);
        Assert.Single(outcome.Plan.Changes.Create);
        Assert.Equal(0, provider.WriteCalls);
    }

    [Fact]
    public async Task Source_and_registry_failures_are_counted_and_rethrown()
    {
        var provider = new InMemoryProvider(new InMemoryProviderOptions { Zones = ["example.org"] });
        var source = new ScriptedSource { Fail = () => new InvalidOperationException("boom") };
        var reconciler = Create(source, provider, dryRun: false, out var metrics);

        await Assert.ThrowsAsync<InvalidOperationException>(() => reconciler.RunOnceAsync(CancellationToken.None));
        Assert.Equal(1, metrics.SourceErrors.Value);
    }

    [Fact]
    public async Task A_source_that_is_not_ready_skips_the_reconcile_without_touching_the_provider()
    {
        var provider = new ThrowingWriteProvider { FailReads = true };
        var reconciler = Create(new NotReadySource(), provider, dryRun: false, out var metrics);

        var outcome = await reconciler.RunOnceAsync(CancellationToken.None);

        Assert.True(outcome.Skipped);
        Assert.False(outcome.Plan.Changes.HasChanges);
        Assert.Equal(0, provider.WriteCalls);
        Assert.Equal(1, metrics.SkippedRuns.Get("source-not-ready"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_providers_asynchronous_adjustment_becomes_the_desired_state_through_registry_and_cache(bool cached)
    {
        var inner = new RemoteAdjustingProvider();
        IDnsProvider provider = cached ? new CachingProvider(inner, TimeSpan.FromMinutes(1), TimeProvider.System) : inner;
        var source = new ScriptedSource { Endpoints = [new Endpoint("app.example.org", "A", "192.0.2.1"), new Endpoint("drop.example.org", "A", "192.0.2.2")] };
        var reconciler = Create(source, provider, dryRun: true, out _);

        var outcome = await reconciler.RunOnceAsync(CancellationToken.None);

        var create = Assert.Single(outcome.Plan.Changes.Create);
        Assert.Equal(("app.example.org", 600L), (create.DnsName, create.RecordTtl));
        Assert.Equal(1, inner.AdjustCalls);
    }

    private sealed class NotReadySource : ISource
    {
        public string Name => "not-ready";

        public Task<SourceResult> EndpointsAsync(CancellationToken cancellationToken) => Task.FromResult(SourceResult.NotReady("services cache not synced"));
    }

    private sealed class ThrowingWriteProvider : IDnsProvider
    {
        public int WriteCalls;

        public DomainFilter DomainFilter => DomainFilter.All;

        public bool FailReads { get; init; }

        public Task<IReadOnlyList<Endpoint>> RecordsAsync(CancellationToken cancellationToken) =>
            FailReads ? throw new InvalidOperationException("the provider was read") : Task.FromResult<IReadOnlyList<Endpoint>>([]);

        public Task ApplyChangesAsync(Changes changes, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref WriteCalls);
            throw new InvalidOperationException("a write in dry-run mode");
        }

        public IReadOnlyList<Endpoint> AdjustEndpoints(IReadOnlyList<Endpoint> endpoints) => endpoints;
    }

    /// <summary>A provider that can only adjust asynchronously (as the webhook provider): the synchronous form throws.</summary>
    private sealed class RemoteAdjustingProvider : IDnsProvider
    {
        public int AdjustCalls;

        public DomainFilter DomainFilter => DomainFilter.All;

        public Task<IReadOnlyList<Endpoint>> RecordsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Endpoint>>([]);

        public Task ApplyChangesAsync(Changes changes, CancellationToken cancellationToken) => Task.CompletedTask;

        public IReadOnlyList<Endpoint> AdjustEndpoints(IReadOnlyList<Endpoint> endpoints) => throw new NotSupportedException("asynchronous only");

        public async Task<IReadOnlyList<Endpoint>> AdjustEndpointsAsync(IReadOnlyList<Endpoint> endpoints, CancellationToken cancellationToken)
        {
            await Task.Yield();
            Interlocked.Increment(ref AdjustCalls);
            return [.. endpoints.Where(e => e.DnsName != "drop.example.org").Select(e => { var c = e.Clone(); c.RecordTtl = 600; return c; })];
        }
    }
}

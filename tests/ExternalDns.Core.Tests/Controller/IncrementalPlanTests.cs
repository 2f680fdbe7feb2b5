using System.Globalization;
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

/// <summary>
/// Property test of incremental event-driven passes: random desired states over a small pool of names (types, set
/// identifiers, TTLs, resources), records of another owner and unowned records written between full passes, unresolved
/// resources and incomplete views switched on and off, and failed applies. Before every pass the test reads the provider
/// afresh through a second TXT registry and plans in full; the pass's changes (and owner mismatches, withheld changes)
/// must equal that full plan, whether the pass planned incrementally or not.
/// </summary>
public sealed class IncrementalPlanTests
{
    private const string Zone = "example.org";

    public static TheoryData<int, string> Cases => new()
    {
        { 1, "sync" },
        { 2, "sync" },
        { 3, "sync" },
        { 4, "upsert-only" },
        { 5, "create-only" },
        { 6, "sync-noop-registry" },
        { 7, "sync-shared" },
        { 8, "sync-shared" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Event_driven_passes_plan_exactly_what_a_full_pass_plans(int seed, string mode)
    {
        var random = new Random(seed);
        var memory = new InMemoryProvider(new InMemoryProviderOptions { Zones = [Zone] });
        var provider = new FailingProvider(memory);
        var txt = new TxtRegistryOptions { OwnerId = "me" };
        var noop = mode.EndsWith("noop-registry", StringComparison.Ordinal);
        IRegistry registry = noop ? new NoopRegistry(provider) : new TxtRegistry(provider, txt);
        var policy = mode.StartsWith("upsert", StringComparison.Ordinal) ? Policy.UpsertOnly : mode.StartsWith("create", StringComparison.Ordinal) ? Policy.CreateOnly : Policy.Sync;
        var options = new ControllerOptions { Policy = policy, Interval = TimeSpan.FromHours(1), IncrementalEventPasses = true };
        // "shared": the source hands out the same instances while an endpoint is unchanged (as the Kubernetes source does)
        // and the provider changes the endpoints it adjusts in place: the pass must compare by instance, adjust copies only,
        // and never change the source's endpoints.
        var shared = mode.EndsWith("shared", StringComparison.Ordinal);
        provider.AdjustInPlace = shared;
        var source = new ViewSource { Shared = shared };
        var reconciler = new Reconciler(source, registry, options, new ControllerMetrics(new MetricRegistry()), TimeProvider.System, NullLogger<Reconciler>.Instance);
        var other = new TxtRegistry(memory, new TxtRegistryOptions { OwnerId = "other" });
        var world = new World(random);
        var incremental = 0;
        var mustBeFull = true;
        for (var step = 0; step < 250; step++)
        {
            world.Change(source);
            var eventDriven = true;
            if (random.Next(15) == 0)
            {
                // Someone else writes between two full passes (the --interval tick sees it).
                await world.ForeignWriteAsync(memory, other);
                eventDriven = false;
            }

            if (random.Next(20) == 0)
            {
                provider.FailNext = true;
            }

            var reference = noop ? new NoopRegistry(memory) : (IRegistry)new TxtRegistry(memory, txt);
            var current = await reference.RecordsAsync(CancellationToken.None);
            var view = source.View(copies: true);
            view = view.WithEndpoints(provider.AdjustEndpoints(view.Endpoints));
            var expected = Planner.Calculate(current, view, new PlanOptions
            {
                Policy = policy,
                DomainFilters = [options.DomainFilter, registry.DomainFilter],
                ManagedRecordTypes = options.ManagedRecordTypes,
                ExcludeRecordTypes = options.ExcludeRecordTypes,
                OwnerId = registry.OwnerId,
            });

            ReconcileOutcome outcome;
            try
            {
                outcome = await reconciler.RunOnceAsync(eventDriven, CancellationToken.None);
            }
            catch (ProviderTransientException)
            {
                mustBeFull = true;
                continue;
            }

            if (mustBeFull || !eventDriven)
            {
                Assert.False(reconciler.LastPassIncremental, $"step {step}: a pass after a failure or on a tick must be full");
            }

            mustBeFull = false;
            Assert.All(source.Endpoints, e => Assert.Null(e.GetProviderSpecific(FailingProvider.AdjustedProperty)));
            if (reconciler.LastPassIncremental)
            {
                incremental++;
            }

            Assert.Equal(Render(expected.Changes), Render(outcome.Plan.Changes));
            Assert.Equal(Sorted(expected.OwnerMismatches.Select(m => $"{Text(m.Desired)} held by {Text(m.Current)}")), Sorted(outcome.Plan.OwnerMismatches.Select(m => $"{Text(m.Desired)} held by {Text(m.Current)}")));
            Assert.Equal(Sorted(expected.Withheld.Select(w => $"{w.Action} {w.Reason} {Text(w.Record)}")), Sorted(outcome.Plan.Withheld.Select(w => $"{w.Action} {w.Reason} {Text(w.Record)}")));
            Assert.Equal(Sorted(expected.DiscardedCnameConflicts), Sorted(outcome.Plan.DiscardedCnameConflicts));
        }

        Assert.True(incremental > 150, $"only {incremental} incremental passes");
    }

    [Fact]
    public async Task Dry_run_and_interval_ticks_are_always_full()
    {
        var memory = new InMemoryProvider(new InMemoryProviderOptions { Zones = [Zone] });
        var source = new ViewSource();
        source.Endpoints.Add(new Endpoint("a.example.org", "A", "192.0.2.1"));
        var dry = new Reconciler(source, new TxtRegistry(memory, new TxtRegistryOptions { OwnerId = "me" }),
            new ControllerOptions { DryRun = true, IncrementalEventPasses = true, Interval = TimeSpan.FromHours(1) },
            new ControllerMetrics(new MetricRegistry()), TimeProvider.System, NullLogger<Reconciler>.Instance);
        await dry.RunOnceAsync(CancellationToken.None);
        var second = await dry.RunOnceAsync(eventDriven: true, CancellationToken.None);
        Assert.False(dry.LastPassIncremental);
        Assert.Single(second.Plan.Changes.Create);
        Assert.Empty(await memory.RecordsAsync(CancellationToken.None));

        var live = new Reconciler(source, new TxtRegistry(memory, new TxtRegistryOptions { OwnerId = "me" }),
            new ControllerOptions { IncrementalEventPasses = true, Interval = TimeSpan.FromHours(1) },
            new ControllerMetrics(new MetricRegistry()), TimeProvider.System, NullLogger<Reconciler>.Instance);
        await live.RunOnceAsync(CancellationToken.None);
        source.Endpoints[0] = new Endpoint("a.example.org", "A", "192.0.2.2");
        var changed = await live.RunOnceAsync(eventDriven: true, CancellationToken.None);
        Assert.True(live.LastPassIncremental);
        Assert.Single(changed.Plan.Changes.UpdateNew);
        await live.RunOnceAsync(eventDriven: false, CancellationToken.None);
        Assert.False(live.LastPassIncremental);

        // An --interval of zero: the kept records are always too old.
        var zero = new Reconciler(source, new TxtRegistry(memory, new TxtRegistryOptions { OwnerId = "me" }),
            new ControllerOptions { IncrementalEventPasses = true, Interval = TimeSpan.Zero },
            new ControllerMetrics(new MetricRegistry()), TimeProvider.System, NullLogger<Reconciler>.Instance);
        await zero.RunOnceAsync(CancellationToken.None);
        await zero.RunOnceAsync(eventDriven: true, CancellationToken.None);
        Assert.False(zero.LastPassIncremental);
    }

    [Fact]
    public async Task A_record_made_by_someone_else_after_the_full_read_is_never_overwritten_by_an_event_pass()
    {
        var memory = new InMemoryProvider(new InMemoryProviderOptions { Zones = [Zone] });
        var source = new ViewSource();
        source.Endpoints.Add(new Endpoint("a.example.org", "A", "192.0.2.1"));
        var reconciler = new Reconciler(source, new TxtRegistry(memory, new TxtRegistryOptions { OwnerId = "me" }),
            new ControllerOptions { IncrementalEventPasses = true, Interval = TimeSpan.FromHours(1) },
            new ControllerMetrics(new MetricRegistry()), TimeProvider.System, NullLogger<Reconciler>.Instance);
        await reconciler.RunOnceAsync(CancellationToken.None);

        // Someone else creates b (no ownership TXT) after our full read; then an object asks us for b.
        await memory.ApplyChangesAsync(new Changes { Create = [new Endpoint("b.example.org", "A", "203.0.113.9")] }, CancellationToken.None);
        source.Endpoints.Add(new Endpoint("b.example.org", "A", "192.0.2.2"));

        // The event pass plans from its kept view, so it plans a create; the provider refuses it (the record exists).
        await Assert.ThrowsAsync<InvalidChangeException>(() => reconciler.RunOnceAsync(eventDriven: true, CancellationToken.None));
        Assert.True(reconciler.LastPassIncremental);

        // After the failure the next pass is full: it sees the foreign record and leaves it alone.
        var next = await reconciler.RunOnceAsync(eventDriven: true, CancellationToken.None);
        Assert.False(reconciler.LastPassIncremental);
        Assert.DoesNotContain(next.Plan.Changes.Create, e => e.DnsName == "b.example.org" && e.RecordType == "A");
        Assert.Empty(next.Plan.Changes.UpdateNew);
        var b = Assert.Single(await memory.RecordsAsync(CancellationToken.None), e => e.DnsName == "b.example.org" && e.RecordType == "A");
        Assert.Equal("203.0.113.9", Assert.Single(b.Targets));
    }

    private static List<string> Sorted(IEnumerable<string> items) => [.. items.Order(StringComparer.Ordinal)];

    private static string Text(Endpoint e, bool withOwner = true)
    {
        var labels = string.Join(',', e.Labels.Where(p => withOwner || p.Key != Labels.OwnerKey).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
        var props = string.Join(',', e.ProviderSpecific.Select(p => p.Name + "=" + p.Value));
        return string.Create(CultureInfo.InvariantCulture, $"{e.DnsName} {e.RecordType} set={e.SetIdentifier} ttl={e.RecordTtl} [{e.Targets}] {labels} {props}");
    }

    // The registry stamps its owner on the creates it applies (the outcome's after the apply, the reference's never).
    private static string Render(Changes changes) => string.Join('\n',
        Sorted(changes.Create.Select(e => "create " + Text(e, withOwner: false)))
            .Concat(Sorted(changes.UpdateOld.Zip(changes.UpdateNew).Select(p => "update " + Text(p.First) + " -> " + Text(p.Second))))
            .Concat(Sorted(changes.Delete.Select(e => "delete " + Text(e)))));

    /// <summary>A source whose view the test sets.</summary>
    private sealed class ViewSource : ISource
    {
        public string Name => "view";

        public List<Endpoint> Endpoints { get; } = [];

        public HashSet<string> Unresolved { get; } = new(StringComparer.Ordinal);

        public bool Complete { get; set; } = true;

        /// <summary>Hand out the endpoints themselves, not copies (the test replaces an endpoint it changes, never changes one).</summary>
        public bool Shared { get; init; }

        public SourceResult View(bool copies = false) =>
            new([.. Endpoints.Select(e => Shared && !copies ? e : e.Clone())], Complete, Unresolved, Complete ? null : "test");

        public Task<SourceResult> EndpointsAsync(CancellationToken cancellationToken) => Task.FromResult(View());
    }

    /// <summary>Fails the next apply (before anything is written) when asked to.</summary>
    private sealed class FailingProvider(IDnsProvider inner) : IDnsProvider
    {
        public bool FailNext { get; set; }

        public DomainFilter DomainFilter => inner.DomainFilter;

        public Task<IReadOnlyList<Endpoint>> RecordsAsync(CancellationToken cancellationToken) => inner.RecordsAsync(cancellationToken);

        public Task ApplyChangesAsync(Changes changes, CancellationToken cancellationToken)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new ProviderTransientException("injected failure");
            }

            return inner.ApplyChangesAsync(changes, cancellationToken);
        }

        public const string AdjustedProperty = "test/adjusted";

        /// <summary>Adjusting marks each endpoint in place (providers may change what they are given).</summary>
        public bool AdjustInPlace { get; set; }

        public IReadOnlyList<Endpoint> AdjustEndpoints(IReadOnlyList<Endpoint> endpoints)
        {
            if (AdjustInPlace)
            {
                foreach (var e in endpoints)
                {
                    e.SetProviderSpecific(AdjustedProperty, "true");
                }
            }

            return inner.AdjustEndpoints(endpoints);
        }
    }

    private sealed class World(Random random)
    {
        private static readonly string[] Names = ["a", "b", "c", "d", "e", "f", "A", "g"];

        public void Change(ViewSource source)
        {
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                var roll = random.Next(10);
                if (roll < 3 && source.Endpoints.Count > 0)
                {
                    source.Endpoints.RemoveAt(random.Next(source.Endpoints.Count));
                }
                else if (roll < 6 && source.Endpoints.Count > 0)
                {
                    var i = random.Next(source.Endpoints.Count);
                    var e = source.Endpoints[i].Clone();
                    e.Targets = Targets(e.RecordType);
                    if (random.Next(3) == 0)
                    {
                        e.RecordTtl = random.Next(2) == 0 ? 0 : 300;
                    }

                    source.Endpoints[i] = e;
                }
                else
                {
                    var candidate = Endpoint();
                    if (!source.Endpoints.Any(e => e.DnsName == candidate.DnsName && e.RecordType == candidate.RecordType && e.SetIdentifier == candidate.SetIdentifier))
                    {
                        source.Endpoints.Insert(random.Next(source.Endpoints.Count + 1), candidate);
                    }
                }
            }

            if (random.Next(25) == 0)
            {
                var resource = "service/ns/" + Names[random.Next(Names.Length)];
                if (!source.Unresolved.Remove(resource))
                {
                    source.Unresolved.Add(resource);
                }
            }

            if (random.Next(30) == 0)
            {
                source.Complete = !source.Complete;
            }
        }

        public async Task ForeignWriteAsync(InMemoryProvider memory, TxtRegistry other)
        {
            var existing = await memory.RecordsAsync(CancellationToken.None);
            var e = Endpoint();
            if (existing.Any(r => DnsNames.Normalize(r.DnsName) == DnsNames.Normalize(e.DnsName)))
            {
                return;
            }

            if (random.Next(2) == 0)
            {
                // Another owner's record (with its ownership TXT).
                await other.RecordsAsync(CancellationToken.None);
                await other.ApplyChangesAsync(new Changes { Create = [e] }, CancellationToken.None);
            }
            else
            {
                // A record nobody owns (made by hand).
                e.Labels.Clear();
                await memory.ApplyChangesAsync(new Changes { Create = [e] }, CancellationToken.None);
            }
        }

        private Endpoint Endpoint()
        {
            var name = Names[random.Next(Names.Length)];
            var type = random.Next(5) switch
            {
                0 => "CNAME",
                1 => "AAAA",
                2 => "TXT",
                _ => "A",
            };
            var e = new Endpoint(name + "." + Zone, type, random.Next(3) == 0 ? 300 : 0, Targets(type));
            if (type != "CNAME" && random.Next(5) == 0)
            {
                e.SetIdentifier = "set-" + random.Next(2).ToString(CultureInfo.InvariantCulture);
            }

            e.Labels[Labels.ResourceKey] = "service/ns/" + Names[random.Next(Names.Length)];
            return e;
        }

        private Targets Targets(string type) => type switch
        {
            "CNAME" => new Targets(["target-" + random.Next(3).ToString(CultureInfo.InvariantCulture) + ".example.com"]),
            "AAAA" => new Targets(["2001:db8::" + random.Next(1, 4).ToString(CultureInfo.InvariantCulture)]),
            "TXT" => new Targets(["text-" + random.Next(3).ToString(CultureInfo.InvariantCulture)]),
            _ => new Targets([.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => "192.0.2." + random.Next(1, 5).ToString(CultureInfo.InvariantCulture))]),
        };
    }
}

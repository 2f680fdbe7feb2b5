using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Sources;

/// <summary>
/// Combines several sources into one, as upstream's wrappers in their order: multiSource + dedupSource (endpoints of
/// all sources, exact duplicates removed: same key and targets, counted in <see cref="SourceResult.DeduplicatedEndpoints"/>
/// with the sources' own counts), load-balancer host names resolved
/// (<see cref="HostnameResolver"/>), NAT64 (<see cref="Nat64Networks"/>), the target
/// filter (<see cref="TargetFilter"/>), PTR records (<see cref="PtrManaged"/>) and the post-processor
/// (<c>--min-ttl</c> where no TTL is set, <see cref="PreferAlias"/>). The combined view is complete only when every
/// source's is; unresolved resources and kinds are united. The sources' endpoints are never changed in place (a source may
/// keep them and hand them out again, see <see cref="SourceResult.Endpoints"/>): a stage that changes one replaces it by a
/// changed copy.
/// </summary>
public sealed class SourcePipeline : ISource
{
    private readonly IReadOnlyList<ISource> _sources;
    private const string AliasProperty = "alias";

    private readonly long _minTtlSeconds;

    public SourcePipeline(IReadOnlyList<ISource> sources, TimeSpan minTtl)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Count == 0)
        {
            throw new ArgumentException("at least one source is required", nameof(sources));
        }

        _sources = sources;
        _minTtlSeconds = (long)minTtl.TotalSeconds;
    }

    public string Name => string.Join('+', _sources.Select(s => s.Name));

    /// <summary>
    /// <c>--prefer-alias</c>: CNAME endpoints that do not say otherwise get the provider-specific property
    /// <c>alias=true</c>, asking providers that support ALIAS records (PowerDNS, Route53) to write one (upstream's
    /// post-processor does the same).
    /// </summary>
    public bool PreferAlias { get; init; }

    /// <summary>
    /// <c>--resolve-service-load-balancer-hostname</c>: resolves the targets the sources marked with
    /// <see cref="HostnameTargets.ResolveProperty"/>; null leaves them as CNAMEs (the mark is removed either way).
    /// </summary>
    public IHostnameResolver? HostnameResolver { get; init; }

    /// <summary><c>--nat64-networks</c>: an A endpoint for each AAAA endpoint with targets in these /96 prefixes.</summary>
    public IReadOnlyList<System.Net.IPNetwork> Nat64Networks { get; init; } = [];

    /// <summary><c>--target-net-filter</c>/<c>--exclude-target-net</c>; null for none.</summary>
    public TargetNetFilter? TargetFilter { get; init; }

    /// <summary>
    /// True when PTR is a managed record type: PTR endpoints are generated for A/AAAA endpoints that ask for them
    /// (<see cref="CreatePtr"/>, the <c>record-type</c> annotation). Upstream installs its PTR wrapper only then.
    /// </summary>
    public bool PtrManaged { get; init; }

    /// <summary><c>--create-ptr</c>: every A/AAAA endpoint asks for a PTR record unless its annotation opts out.</summary>
    public bool CreatePtr { get; init; }

    /// <summary>Receives a line for each ignored request (a record-type annotation on a CNAME).</summary>
    public Action<string>? Warn { get; init; }

    public async Task<SourceResult> EndpointsAsync(CancellationToken cancellationToken)
    {
        var endpoints = new List<Endpoint>();
        var seen = new HashSet<(EndpointKey, Targets)>();
        var complete = true;
        var unresolved = new HashSet<string>(StringComparer.Ordinal);
        var unresolvedKinds = new HashSet<string>(StringComparer.Ordinal);
        var reasons = new List<string>();
        var invalid = new EndpointTally();
        var deduplicated = new EndpointTally();

        foreach (var source in _sources)
        {
            var result = await source.EndpointsAsync(cancellationToken).ConfigureAwait(false);
            if (!result.IsReady)
            {
                return SourceResult.NotReady(result.IncompleteReason ?? $"source {source.Name} is not ready");
            }

            if (!result.IsComplete)
            {
                complete = false;
                reasons.Add(result.IncompleteReason ?? $"source {source.Name} is incomplete");
            }

            unresolved.UnionWith(result.UnresolvedResources);
            unresolvedKinds.UnionWith(result.UnresolvedKinds);
            invalid.Add(result.InvalidEndpoints);
            deduplicated.Add(result.DeduplicatedEndpoints);
            foreach (var e in result.Endpoints)
            {
                // Targets compare as sets of canonical targets (Targets.Same), hashed from a form each (immutable, shared)
                // Targets instance computes once: no string per endpoint and pass.
                var identity = (new EndpointKey(DnsNames.Normalize(e.DnsName), e.RecordType, e.SetIdentifier), e.Targets);
                if (!seen.Add(identity))
                {
                    deduplicated.Add(e.RecordType, SourceTypes.FromResource(e.Labels.Resource));
                    continue;
                }

                endpoints.Add(e);
            }
        }

        await HostnameTargets.ResolveAsync(endpoints, HostnameResolver, unresolved, Warn, cancellationToken).ConfigureAwait(false);

        if (Nat64Networks.Count > 0)
        {
            endpoints.AddRange(Nat64Records.Translate(endpoints, Nat64Networks));
        }

        if (TargetFilter is { IsEnabled: true } filter)
        {
            endpoints = FilterTargets(endpoints, filter);
        }

        // The record-type annotation is a request to the PTR stage, never a provider property: it is removed even when
        // PTR is not managed (upstream leaves it on, where it reads as a property change on every reconcile).
        var ptr = PtrRecords.Generate(endpoints, CreatePtr, Warn);
        if (PtrManaged)
        {
            endpoints.AddRange(ptr);
        }

        for (var i = 0; i < endpoints.Count; i++)
        {
            var e = endpoints[i];
            var ttl = e.RecordTtl <= 0 && _minTtlSeconds > 0;
            var alias = PreferAlias && e.RecordType == RecordTypes.CNAME && e.GetProviderSpecific(AliasProperty) is null;
            if (!ttl && !alias)
            {
                continue;
            }

            e = endpoints[i] = e.Clone();
            if (ttl)
            {
                e.RecordTtl = _minTtlSeconds;
            }

            if (alias)
            {
                e.SetProviderSpecific(AliasProperty, "true");
            }
        }

        return new SourceResult(endpoints, complete, unresolved, complete ? null : string.Join("; ", reasons))
        {
            UnresolvedKinds = unresolvedKinds,
            InvalidEndpoints = invalid,
            DeduplicatedEndpoints = deduplicated,
        };
    }

    /// <summary>Upstream's targetFilterSource: targets outside the filter are dropped; an endpoint left without any is dropped.</summary>
    private static List<Endpoint> FilterTargets(List<Endpoint> endpoints, TargetNetFilter filter)
    {
        var result = new List<Endpoint>(endpoints.Count);
        foreach (var e in endpoints)
        {
            var kept = e.Targets.Where(filter.Matches).ToList();
            if (kept.Count == 0)
            {
                continue;
            }

            if (kept.Count == e.Targets.Count)
            {
                result.Add(e);
                continue;
            }

            var copy = e.Clone();
            copy.Targets = new Targets(kept);
            result.Add(copy);
        }

        return result;
    }
}

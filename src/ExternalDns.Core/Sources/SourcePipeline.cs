using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Sources;

/// <summary>
/// Combines several sources into one (upstream's multiSource + dedupSource + postProcessor): endpoints of all
/// sources, exact duplicates removed (same key and targets, counted in <see cref="SourceResult.DeduplicatedEndpoints"/>
/// with the sources' own counts), <c>--min-ttl</c> applied where no TTL is set.
/// The combined view is complete only when every source's is; unresolved resources and kinds are united.
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

    public async Task<SourceResult> EndpointsAsync(CancellationToken cancellationToken)
    {
        var endpoints = new List<Endpoint>();
        var seen = new HashSet<(EndpointKey, string)>();
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
                var identity = (new EndpointKey(DnsNames.Normalize(e.DnsName), e.RecordType, e.SetIdentifier), string.Join(';', e.Targets.Select(Targets.Canonical).Order(StringComparer.Ordinal)));
                if (!seen.Add(identity))
                {
                    deduplicated.Add(e.RecordType, SourceTypes.FromResource(e.Labels.Resource));
                    continue;
                }

                if (e.RecordTtl <= 0 && _minTtlSeconds > 0)
                {
                    e.RecordTtl = _minTtlSeconds;
                }

                if (PreferAlias && e.RecordType == RecordTypes.CNAME && e.GetProviderSpecific(AliasProperty) is null)
                {
                    e.SetProviderSpecific(AliasProperty, "true");
                }

                endpoints.Add(e);
            }
        }

        return new SourceResult(endpoints, complete, unresolved, complete ? null : string.Join("; ", reasons))
        {
            UnresolvedKinds = unresolvedKinds,
            InvalidEndpoints = invalid,
            DeduplicatedEndpoints = deduplicated,
        };
    }
}

using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;

namespace ExternalDns.Core.Providers;

/// <summary>
/// Caches a provider's record list for <c>--provider-cache-time</c> (upstream's CachedProvider): fewer list calls
/// against rate-limited APIs. Any apply invalidates the cache, so the next plan sees what was written.
/// </summary>
public sealed class CachingProvider : IDnsProvider
{
    private readonly IDnsProvider _inner;
    private readonly TimeSpan _ttl;
    private readonly TimeProvider _time;
    private readonly ProviderCacheMetrics? _metrics;
    private IReadOnlyList<Endpoint>? _cached;
    private DateTimeOffset _cachedAt;

    public CachingProvider(IDnsProvider inner, TimeSpan ttl, TimeProvider time, ProviderCacheMetrics? metrics = null)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _ttl = ttl;
        _metrics = metrics;
    }

    public DomainFilter DomainFilter => _inner.DomainFilter;

    public async Task<IReadOnlyList<Endpoint>> RecordsAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_cached is not null && now - _cachedAt < _ttl)
        {
            _metrics?.RecordsCalls.Inc("true");
            return _cached.Select(e => e.Clone()).ToList();
        }

        var records = await _inner.RecordsAsync(cancellationToken).ConfigureAwait(false);
        _metrics?.RecordsCalls.Inc("false");
        _cached = records.Select(e => e.Clone()).ToList();
        _cachedAt = now;
        return records;
    }

    public async Task ApplyChangesAsync(Changes changes, CancellationToken cancellationToken)
    {
        _metrics?.ApplyChangesCalls.Inc();
        _cached = null;
        await _inner.ApplyChangesAsync(changes, cancellationToken).ConfigureAwait(false);
    }

    public IReadOnlyList<Endpoint> AdjustEndpoints(IReadOnlyList<Endpoint> endpoints) => _inner.AdjustEndpoints(endpoints);

    public Task<IReadOnlyList<Endpoint>> AdjustEndpointsAsync(IReadOnlyList<Endpoint> endpoints, CancellationToken cancellationToken) =>
        _inner.AdjustEndpointsAsync(endpoints, cancellationToken);
}

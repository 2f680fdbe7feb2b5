using ExternalDns.Core.Metrics;

namespace ExternalDns.Core.Providers;

/// <summary>
/// Upstream's metrics of the provider cache (<c>--provider-cache-time</c>), same names, types and labels: registered
/// whatever the flag (as upstream always exposes them), counted only while the cache is in use.
/// </summary>
public sealed class ProviderCacheMetrics
{
    public ProviderCacheMetrics(MetricRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        RecordsCalls = registry.Counter("external_dns_provider_cache_records_calls", "Number of calls to the provider cache Records list.", "from_cache");
        ApplyChangesCalls = registry.Counter("external_dns_provider_cache_apply_changes_calls", "Number of calls to the provider cache ApplyChanges.");
    }

    /// <summary>Record list requests, labelled <c>from_cache="true"</c> (answered from the cache) or <c>"false"</c> (read from the provider).</summary>
    public Metric RecordsCalls { get; }

    public Metric ApplyChangesCalls { get; }
}

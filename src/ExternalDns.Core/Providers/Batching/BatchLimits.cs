namespace ExternalDns.Core.Providers.Batching;

/// <summary>The most one batch (one API call) may carry. Each limit must be at least 1.</summary>
/// <param name="MaxChanges">Most changes per batch (for example Route53's 1000, or <c>--batch-change-size</c>).</param>
/// <param name="MaxBytes">Most request bytes per batch (Route53: 32000 characters of values; a DNS UPDATE: 65535).</param>
/// <param name="MaxValues">Most record values per batch (Route53: 1000).</param>
public sealed record BatchLimits(int MaxChanges, int MaxBytes = int.MaxValue, int MaxValues = int.MaxValue);

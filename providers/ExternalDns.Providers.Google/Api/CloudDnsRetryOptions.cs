namespace ExternalDns.Providers.Google.Api;

/// <summary>
/// How <see cref="CloudDnsApiClient"/> retries Cloud DNS's 403 <c>rateLimitExceeded</c>/<c>userRateLimitExceeded</c>
/// (a per-second rate limit that Google reports as 403, so the shared HTTP stack, which retries 429, 5xx and network
/// failures, leaves it alone): jittered exponential backoff, <c>Retry-After</c> honoured, within the retry budget.
/// </summary>
public sealed class CloudDnsRetryOptions
{
    /// <summary>Retries after the first attempt; 0 disables them.</summary>
    public int MaxRetries { get; init; } = 3;

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Cap on an honoured <c>Retry-After</c>.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Asked before each wait: false when the reconcile's retry budget is spent (the shared
    /// <c>RetryBudget.TryConsume</c>). Null: no budget.</summary>
    public Func<TimeSpan, bool>? TryConsumeBudget { get; init; }

    /// <summary>Tests: the jitter source of the backoff (null: random).</summary>
    public Func<double>? Jitter { get; init; }
}

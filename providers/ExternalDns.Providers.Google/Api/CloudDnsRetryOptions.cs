namespace ExternalDns.Providers.Google.Api;

/// <summary>How <see cref="CloudDnsApiClient"/> retries throttling (429, 403 <c>rateLimitExceeded</c>), 5xx and network
/// failures: jittered exponential backoff, <c>Retry-After</c> honoured, within a shared retry budget.</summary>
public sealed class CloudDnsRetryOptions
{
    /// <summary>Retries after the first attempt; 0 disables retries.</summary>
    public int MaxRetries { get; init; } = 5;

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Cap on an honoured <c>Retry-After</c>.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Per-attempt timeout; exceeding it is a transient failure.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Asked before each wait: false when the reconcile's retry budget is spent (then the last failure is
    /// reported as transient). Null: no budget.</summary>
    public Func<TimeSpan, bool>? TryConsumeBudget { get; init; }
}

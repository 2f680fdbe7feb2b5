namespace ExternalDns.Providers.Cloudflare.Http;

/// <summary>Retries of throttled (429), failed (5xx), unreachable and slow requests.</summary>
public sealed class CloudflareRetryOptions
{
    /// <summary>Retries after the first attempt; 0 turns retrying off.</summary>
    public int MaxRetries { get; init; } = 3;

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest <c>Retry-After</c> honoured; a longer one is cut to this.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Per attempt; an attempt that takes longer is a transient failure.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}

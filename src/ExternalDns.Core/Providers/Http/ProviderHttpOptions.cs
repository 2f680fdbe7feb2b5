namespace ExternalDns.Core.Providers.Http;

/// <summary>
/// How one provider's HTTP calls are made: per-attempt timeout, retries, TLS. One instance per API client; passed to
/// <see cref="ProviderHttpFactory.CreateHandler"/>.
/// </summary>
public sealed class ProviderHttpOptions
{
    /// <summary>The <c>provider</c> label of <c>external_dns_provider_api_calls_total</c> and the name in messages: "aws", "cloudflare", "google", "azure", "pdns", "webhook".</summary>
    public required string Provider { get; init; }

    /// <summary>Time limit of one attempt, answer body included; exceeding it is a transient failure (retried). <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt (0 = none), for 429, 5xx, connection failures and timeouts; each also takes from the <see cref="RetryBudget"/>.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The first retry's base delay; doubled per retry up to <see cref="MaxBackoff"/>, plus 0..100 % jitter.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The largest base delay between retries (with jitter a delay is at most twice this).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Cap on a <c>Retry-After</c> the server asks for (seconds or HTTP date): a longer one is waited for this long.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Largest answer body accepted (bodies are read whole within the attempt's timeout); a larger one throws
    /// <see cref="ProviderHttpResponseTooLargeException"/> (not retried). 0 = no limit.
    /// </summary>
    public long MaxResponseBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Accept any server certificate (a warning is logged once per handler).</summary>
    public bool SkipTlsVerify { get; init; }

    /// <summary>PEM file with the CA certificates to trust instead of the system's (<c>--tls-ca</c>); null = system trust.</summary>
    public string? CaFile { get; init; }

    /// <summary>PEM file with the client certificate for mutual TLS (<c>--tls-client-cert</c>); null = none.</summary>
    public string? ClientCertFile { get; init; }

    /// <summary>PEM file with the client certificate's unencrypted private key (<c>--tls-client-cert-key</c>); null = in <see cref="ClientCertFile"/>.</summary>
    public string? ClientKeyFile { get; init; }
}

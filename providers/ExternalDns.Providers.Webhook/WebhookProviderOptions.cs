namespace ExternalDns.Providers.Webhook;

/// <summary>Settings of the webhook provider (the client side), mapped from upstream's <c>--webhook-provider-*</c> flags.</summary>
public sealed class WebhookProviderOptions
{
    /// <summary>The default of <c>--webhook-provider-url</c>.</summary>
    public const string DefaultUrl = "http://localhost:8888";

    /// <summary>Upstream negotiates at most this many times (<c>maxRetries</c> = 5 tries).</summary>
    public const int DefaultNegotiationAttempts = 5;

    /// <summary><c>--webhook-provider-url</c>: the webhook's base URL; its path, if any, prefixes <c>/records</c> and <c>/adjustendpoints</c>.</summary>
    public Uri Url { get; init; } = new(DefaultUrl);

    /// <summary><c>--webhook-provider-read-timeout</c> (5s). With the write timeout it bounds each request, body included.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>--webhook-provider-write-timeout</c> (10s).</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary><c>--webhook-provider-max-body-size</c>: the largest answer read (into a buffer never larger), in bytes; 0 disables the limit.</summary>
    public long MaxBodySize { get; init; } = WebhookProtocol.DefaultMaxBodySize;

    /// <summary>Attempts of the negotiation (<c>GET /</c>) on 5xx, refused connections and timeouts (upstream: 5).</summary>
    public int NegotiationAttempts { get; init; } = DefaultNegotiationAttempts;

    /// <summary>
    /// The wait before the second negotiation attempt, then ×1.5 per attempt with ±50 % jitter (upstream's
    /// <c>cenkalti/backoff</c> defaults: 500 ms).
    /// </summary>
    public TimeSpan NegotiationBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary><c>--tls-ca</c>: PEM file of the CA certificates to trust for an https webhook; empty = system trust.</summary>
    public string CaFile { get; init; } = string.Empty;

    /// <summary><c>--tls-client-cert</c>: PEM client certificate for mutual TLS; empty = none.</summary>
    public string ClientCertFile { get; init; } = string.Empty;

    /// <summary><c>--tls-client-cert-key</c>: its private key; empty = in the certificate file.</summary>
    public string ClientKeyFile { get; init; } = string.Empty;

    /// <summary>The whole round trip of one request (upstream's client timeout: read plus write timeout); zero or less means none.</summary>
    public TimeSpan RequestTimeout => ReadTimeout + WriteTimeout;

    /// <summary>The URL as it may be shown: scheme, host, port and path, never user information or a query string.</summary>
    public string DisplayUrl => Display(Url);

    /// <summary>A URL without user information or query string (for messages and logs).</summary>
    public static string Display(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            return "(relative URL)";
        }

        return url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/');
    }
}

using ExternalDns.Core.Providers.Http;

namespace ExternalDns.Providers.Cloudflare;

/// <summary>The provider's settings, one per upstream <c>--cloudflare-*</c> flag (validated once, in the module).</summary>
public sealed class CloudflareProviderOptions
{
    public const string DefaultBaseUrl = "https://api.cloudflare.com/client/v4";
    public const string DefaultAnnotationPrefix = "external-dns.kubernetes.io/";

    /// <summary>Cloudflare's documented batch limit on Free zones; upstream never batches fewer (max(--batch-change-size, 200)).</summary>
    public const int FreeBatchLimit = 200;

    /// <summary>Cloudflare's documented batch limit on Pro, Business and Enterprise zones.</summary>
    public const int PaidBatchLimit = 3500;

    public const int MaxRecordsPerPage = 5000;

    /// <summary>Token or Global API key (from <c>CF_API_TOKEN</c>, else <c>CF_API_KEY</c> and <c>CF_API_EMAIL</c>).</summary>
    public CloudflareCredentials? Credentials { get; init; }

    /// <summary>The API root (<c>CLOUDFLARE_BASE_URL</c>).</summary>
    public Uri BaseUrl { get; init; } = new(DefaultBaseUrl);

    /// <summary><c>--cloudflare-proxied</c>: the default of the <c>cloudflare-proxied</c> annotation.</summary>
    public bool Proxied { get; init; }

    /// <summary><c>--cloudflare-record-comment</c>: the default of the <c>cloudflare-record-comment</c> annotation.</summary>
    public string RecordComment { get; init; } = string.Empty;

    /// <summary><c>--cloudflare-dns-records-per-page</c> (1–5,000).</summary>
    public int DnsRecordsPerPage { get; init; } = 100;

    /// <summary><c>--batch-change-size</c>: operations per batch request, at least 200 (as upstream), at most the zone plan's limit.</summary>
    public int BatchChangeSize { get; init; } = FreeBatchLimit;

    /// <summary><c>--batch-change-interval</c>: pause between two batch requests.</summary>
    public TimeSpan BatchChangeInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>--cloudflare-regional-services</c>.</summary>
    public bool RegionalServices { get; init; }

    /// <summary><c>--cloudflare-region-key</c>: the default region; a non-empty value turns Regional Services on.</summary>
    public string RegionKey { get; init; } = string.Empty;

    /// <summary><c>--cloudflare-custom-hostnames</c> (Cloudflare for SaaS).</summary>
    public bool CustomHostnames { get; init; }

    /// <summary><c>--cloudflare-custom-hostnames-min-tls-version</c>: 1.0, 1.1, 1.2 or 1.3.</summary>
    public string CustomHostnamesMinTlsVersion { get; init; } = "1.0";

    /// <summary><c>--cloudflare-custom-hostnames-certificate-authority</c>: google, ssl_com, lets_encrypt or none (not sent).</summary>
    public string CustomHostnamesCertificateAuthority { get; init; } = "none";

    /// <summary><c>--zone-id-filter</c>: when not empty, only these zones (looked up by id) are used.</summary>
    public IReadOnlyList<string> ZoneIdFilter { get; init; } = [];

    /// <summary><c>--annotation-prefix</c>: the <c>cloudflare-*</c> properties are named with it.</summary>
    public string AnnotationPrefix { get; init; } = DefaultAnnotationPrefix;

    /// <summary>Timeouts and retries of the HTTP calls (429 honouring Retry-After, 5xx, network errors).</summary>
    public ProviderHttpOptions Http { get; init; } = new() { Provider = "cloudflare" };

    public bool RegionalServicesEnabled => RegionalServices || RegionKey.Length > 0;

    /// <summary>The batch size for a zone: max(<see cref="BatchChangeSize"/>, 200), capped at the plan's limit.</summary>
    public int BatchLimit(bool freeZone) => Math.Min(Math.Max(BatchChangeSize, FreeBatchLimit), freeZone ? FreeBatchLimit : PaidBatchLimit);
}

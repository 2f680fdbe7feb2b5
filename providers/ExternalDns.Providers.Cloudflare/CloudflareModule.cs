using System.Globalization;
using ExternalDns.Core.Configuration;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Modules;

namespace ExternalDns.Providers.Cloudflare;

/// <summary>
/// <c>--provider=cloudflare</c>: upstream's Cloudflare flags with their names, defaults and help, plus the general
/// <c>--zone-id-filter</c>, <c>--batch-change-size</c>, <c>--batch-change-interval</c> and <c>--annotation-prefix</c>.
/// Credentials come from <c>CF_API_TOKEN</c> (<c>file:/path</c> reads a file), else <c>CF_API_KEY</c> and
/// <c>CF_API_EMAIL</c>; the API root from <c>CLOUDFLARE_BASE_URL</c> (default <c>https://api.cloudflare.com/client/v4</c>).
/// </summary>
public sealed class CloudflareModule : ProviderModule<CloudflareProviderOptions>
{
    public const string BaseUrlVariable = "CLOUDFLARE_BASE_URL";

    public override IReadOnlyList<string> Names { get; } = ["cloudflare"];

    public override string FlagGroup => "Cloudflare provider";

    public override string Summary => "Cloudflare API v4: batch changes, proxied records, comments and tags, Cloudflare for SaaS custom hostnames, Regional Services";

    public override IReadOnlyList<FlagDefinition> Flags =>
    [
        Flag("cloudflare-proxied", FlagKind.Bool, "When using the Cloudflare provider, specify if the proxy mode must be enabled (default: disabled)") with { Default = "false" },
        Flag("cloudflare-custom-hostnames", FlagKind.Bool, "When using the Cloudflare provider, specify if the Custom Hostnames feature will be used. Requires \"Cloudflare for SaaS\" enabled. (default: disabled)") with { Default = "false" },
        Flag("cloudflare-custom-hostnames-min-tls-version", FlagKind.Enum, "When using the Cloudflare provider with the Custom Hostnames, specify which Minimum TLS Version will be used by default. (default: 1.0, options: 1.0, 1.1, 1.2, 1.3)") with { Default = "1.0", Allowed = ["1.0", "1.1", "1.2", "1.3"] },
        Flag("cloudflare-custom-hostnames-certificate-authority", FlagKind.Enum, "When using the Cloudflare provider with the Custom Hostnames, specify which Certificate Authority will be used. A value of none indicates no Certificate Authority will be sent to the Cloudflare API (default: none, options: google, ssl_com, lets_encrypt, none)") with { Default = "none", Allowed = ["google", "ssl_com", "lets_encrypt", "none"] },
        Flag("cloudflare-dns-records-per-page", FlagKind.Int, "When using the Cloudflare provider, specify how many DNS records listed per page, max possible 5,000 (default: 100)") with { Default = "100" },
        Flag("cloudflare-regional-services", FlagKind.Bool, "When using the Cloudflare provider, specify if Regional Services feature will be used (default: disabled)") with { Default = "false" },
        Flag("cloudflare-region-key", FlagKind.String, "When using the Cloudflare provider, specify the default region for Regional Services. Any value other than an empty string will enable the Regional Services feature (optional)") with { Default = "" },
        Flag("cloudflare-record-comment", FlagKind.String, "When using the Cloudflare provider, specify the comment for the DNS records (default: '')") with { Default = "" },
    ];

    public override CloudflareProviderOptions Bind(string name, IFlagValues flags, ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(context);
        var perPage = flags.Int("cloudflare-dns-records-per-page");
        if (perPage is < 1 or > CloudflareProviderOptions.MaxRecordsPerPage)
        {
            throw new FlagException(string.Create(CultureInfo.InvariantCulture,
                $"--cloudflare-dns-records-per-page={perPage}: must be between 1 and {CloudflareProviderOptions.MaxRecordsPerPage} (Cloudflare's maximum page size)"));
        }

        var interval = flags.Duration("batch-change-interval");
        if (interval < TimeSpan.Zero)
        {
            throw new FlagException($"--batch-change-interval={interval}: must not be negative");
        }

        var prefix = flags.String("annotation-prefix");
        return new CloudflareProviderOptions
        {
            Credentials = CloudflareCredentials.FromEnvironment(context.Environment),
            BaseUrl = BaseUrl(context.Environment(BaseUrlVariable)),
            Proxied = flags.Bool("cloudflare-proxied"),
            CustomHostnames = flags.Bool("cloudflare-custom-hostnames"),
            CustomHostnamesMinTlsVersion = flags.String("cloudflare-custom-hostnames-min-tls-version"),
            CustomHostnamesCertificateAuthority = flags.String("cloudflare-custom-hostnames-certificate-authority"),
            DnsRecordsPerPage = perPage,
            RegionalServices = flags.Bool("cloudflare-regional-services"),
            RegionKey = flags.String("cloudflare-region-key").Trim(),
            RecordComment = flags.String("cloudflare-record-comment"),
            ZoneIdFilter = flags.List("zone-id-filter"),
            BatchChangeSize = flags.Int("batch-change-size"),
            BatchChangeInterval = interval,
            AnnotationPrefix = string.IsNullOrEmpty(prefix) ? CloudflareProviderOptions.DefaultAnnotationPrefix : prefix,
        };
    }

    public override IDnsProvider Create(CloudflareProviderOptions options, ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var credentials = options.Credentials ?? throw new ProviderConfigurationException("Cloudflare credentials are not configured");
        return CloudflareProvider.Create(options, credentials, context.DomainFilter, context.LoggerFactory, context.Http);
    }

    private static Uri BaseUrl(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new Uri(CloudflareProviderOptions.DefaultBaseUrl);
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query))
        {
            throw new ProviderConfigurationException(
                $"{BaseUrlVariable} is not an http(s) URL without credentials or query (for example {CloudflareProviderOptions.DefaultBaseUrl})");
        }

        return uri;
    }
}

using ExternalDns.Core.Configuration;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Core.Providers.Modules;
using ExternalDns.Providers.Google.Api;
using ExternalDns.Providers.Google.Auth;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Google;

/// <summary>
/// <c>--provider=google</c>: Google Cloud DNS with upstream's flags (<c>--google-project</c>,
/// <c>--google-batch-change-size</c>, <c>--google-batch-change-interval</c>, <c>--google-zone-visibility</c>, the shared
/// <c>--zone-id-filter</c>) and ours, <c>--google-api-endpoint</c>. Credentials are Application Default Credentials
/// (<see cref="GoogleAdcTokenSource"/>), found and checked on first use.
/// </summary>
public sealed class GoogleModule : ProviderModule<GoogleProviderOptions>
{
    /// <summary>The <c>provider</c> label of the HTTP metrics.</summary>
    public const string MetricsName = "google";

    public override IReadOnlyList<string> Names { get; } = ["google"];

    public override string FlagGroup => "Google provider";

    public override string Summary => "Google Cloud DNS (REST v1); Application Default Credentials: service account key, workload identity federation, metadata server";

    /// <summary>Cloud DNS refuses additions that exist and deletions that do not match the record set exactly.</summary>
    public override bool WritesAreConditional => true;

    public override IReadOnlyList<FlagDefinition> Flags =>
    [
        Flag("google-project", FlagKind.String, "When using the Google provider, current project is auto-detected, when running on GCP. Specify other project with this. Must be specified when running outside GCP.") with { Default = "" },
        Flag("google-batch-change-size", FlagKind.Int, "When using the Google provider, set the maximum number of changes that will be applied in each batch.") with { Default = "1000" },
        Flag("google-batch-change-interval", FlagKind.Duration, "When using the Google provider, set the interval between batch changes.") with { Default = "1s" },
        Flag("google-zone-visibility", FlagKind.Enum, "When using the Google provider, filter for zones with this visibility (optional, options: public, private)") with { Default = "", Allowed = ["", "public", "private"] },
        Flag("google-api-endpoint", FlagKind.String, "ExternalDns: when using the Google provider, the Cloud DNS API root URL, for a Private Service Connect endpoint (https://dns-ENDPOINT.p.googleapis.com/dns/v1/) or a test server") with { Default = GoogleProviderOptions.DefaultApiEndpoint.AbsoluteUri },
    ];

    public override GoogleProviderOptions Bind(string name, IFlagValues flags, ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var batchSize = flags.Int("google-batch-change-size");
        if (batchSize < 1)
        {
            throw new FlagException($"--google-batch-change-size={batchSize}: must be at least 1");
        }

        var interval = flags.Duration("google-batch-change-interval");
        if (interval < TimeSpan.Zero)
        {
            throw new FlagException("--google-batch-change-interval: must not be negative");
        }

        var endpointText = flags.String("google-api-endpoint").Trim();
        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(endpoint.UserInfo) || !string.IsNullOrEmpty(endpoint.Query))
        {
            // The value is not echoed: it could carry credentials.
            throw new FlagException($"--google-api-endpoint: not an http(s) URL without user info or query (for example {GoogleProviderOptions.DefaultApiEndpoint})");
        }

        var visibility = flags.String("google-zone-visibility");
        if (visibility is not ("" or "public" or "private"))
        {
            throw new FlagException($"--google-zone-visibility=\"{visibility}\": invalid value (options: public, private)");
        }

        var project = flags.String("google-project").Trim();
        return new GoogleProviderOptions
        {
            Project = project.Length == 0 ? null : project,
            BatchChangeSize = batchSize,
            BatchChangeInterval = interval,
            ZoneVisibility = visibility,
            ZoneIdFilter = [.. flags.List("zone-id-filter").Select(f => f.Trim()).Where(f => f.Length > 0)],
            ApiEndpoint = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/"),
        };
    }

    public override IDnsProvider Create(GoogleProviderOptions options, ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);

        // The host's shared HTTP stack: the host resets its retry budget at the start of every reconcile.
        return Build(options, context, context.Http);
    }

    /// <summary>Builds the provider on <paramref name="http"/> (tests inject the innermost handler through it).</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="context">The host's context (logging, clock, environment, domain filter).</param>
    /// <param name="http">The shared provider HTTP stack: the API client and the token requests go through it.</param>
    /// <param name="resetBudgetPerReconcile">True when nobody else resets <paramref name="http"/>'s retry budget.</param>
    /// <param name="httpOptions">Stack settings (timeouts, retries); null for the defaults with the provider label <c>google</c>.</param>
    /// <param name="retry">Retries of 403 rate limits; null for the defaults within <paramref name="http"/>'s budget.</param>
    public static GoogleProvider Build(
        GoogleProviderOptions options,
        ProviderContext context,
        ProviderHttpFactory http,
        bool resetBudgetPerReconcile = false,
        ProviderHttpOptions? httpOptions = null,
        CloudDnsRetryOptions? retry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(http);
        httpOptions ??= new ProviderHttpOptions { Provider = MetricsName };
        var logger = context.LoggerFactory.CreateLogger<GoogleProvider>();

        // The metadata server gets a plain handler with short timeouts and no retries: outside GCP it does not answer,
        // and a start there must fail fast with a clear message.
        var metadata = new GoogleMetadataServer(context.Environment, () => new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2) }, TimeSpan.FromSeconds(3));
        var tokens = new GoogleAdcTokenSource(context.Environment, () => http.CreateHandler(httpOptions), metadata, logger);
        var api = new CloudDnsApiClient(
            http.CreateHandler(httpOptions), disposeHandler: true, options.ApiEndpoint, tokens,
            retry ?? new CloudDnsRetryOptions { TryConsumeBudget = http.Budget.TryConsume }, http.Time, logger);
        return new GoogleProvider(
            options, api, metadata.GetProjectIdAsync, context.DomainFilter, logger, http.Time, [api, tokens, metadata],
            resetBudgetPerReconcile ? http.Budget.Reset : null);
    }
}

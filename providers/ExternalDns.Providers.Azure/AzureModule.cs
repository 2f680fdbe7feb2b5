using ExternalDns.Core.Configuration;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Modules;

namespace ExternalDns.Providers.Azure;

/// <summary>
/// <c>--provider=azure</c> (alias <c>azure-dns</c>): Azure DNS public zones; <c>--provider=azure-private-dns</c>: Azure
/// Private DNS zones. Upstream's <c>--azure-*</c> flags, plus <c>--azure-resource-manager-endpoint</c> (ours) for Azure
/// Stack, sovereign clouds and tests.
/// </summary>
public sealed class AzureModule : ProviderModule<AzureProviderOptions>
{
    public override IReadOnlyList<string> Names { get; } = ["azure", "azure-dns", "azure-private-dns"];

    public override string FlagGroup => "Azure provider";

    public override string Summary => "Azure DNS (`azure`, `azure-dns`) and Azure Private DNS (`azure-private-dns`) through Azure Resource Manager";

    /// <summary>Creates send <c>If-None-Match: *</c>, updates and deletes the read's ETag in <c>If-Match</c>.</summary>
    public override bool WritesAreConditional => true;

    public override IReadOnlyList<FlagDefinition> Flags =>
    [
        Flag("azure-config-file", FlagKind.String, "When using the Azure provider, specify the Azure configuration file (required when --provider=azure)") with { Default = AzureProviderOptions.DefaultConfigFile },
        Flag("azure-resource-group", FlagKind.String, "When using the Azure provider, override the Azure resource group to use (optional)") with { Default = "" },
        Flag("azure-subscription-id", FlagKind.String, "When using the Azure provider, override the Azure subscription to use (optional)") with { Default = "" },
        Flag("azure-user-assigned-identity-client-id", FlagKind.String, "When using the Azure provider, override the client id of user assigned identity in config file (optional)") with { Default = "" },
        Flag("azure-zones-cache-duration", FlagKind.Duration, "When using the Azure provider, set the zones list cache TTL (0s to disable).") with { Default = "0s" },
        Flag("azure-maxretries-count", FlagKind.Int, "When using the Azure provider, set the number of retries for API calls (When less than 0, it disables retries). (optional)") with { Default = "3" },
        Flag("azure-resource-manager-endpoint", FlagKind.String, "ExternalDns: the Azure Resource Manager endpoint (https URL), for Azure Stack, sovereign clouds and private endpoints (default: the cloud's, from azure.json)") with { Default = "" },
    ];

    public override AzureProviderOptions Bind(string name, IFlagValues flags, ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(context);
        var cache = flags.Duration("azure-zones-cache-duration");
        if (cache < TimeSpan.Zero)
        {
            throw new FlagException($"--azure-zones-cache-duration={flags.String("azure-zones-cache-duration")}: must not be negative");
        }

        var input = new AzureSettingsInput
        {
            Private = name == "azure-private-dns",
            ConfigFile = flags.String("azure-config-file"),
            ConfigFileSet = flags.IsSet("azure-config-file"),
            ResourceGroup = flags.String("azure-resource-group").Trim(),
            SubscriptionId = flags.String("azure-subscription-id").Trim(),
            UserAssignedIdentityClientId = flags.String("azure-user-assigned-identity-client-id").Trim(),
            ResourceManagerEndpoint = flags.String("azure-resource-manager-endpoint").Trim(),
            ZonesCacheDuration = cache,
            MaxRetries = flags.Int("azure-maxretries-count"),
            ZoneNameFilter = flags.List("zone-name-filter"),
            ZoneIdFilter = flags.List("zone-id-filter"),
            CaFile = flags.String("tls-ca"),
            ClientCertFile = flags.String("tls-client-cert"),
            ClientKeyFile = flags.String("tls-client-cert-key"),
        };
        return AzureSettingsResolver.Resolve(input, context.Environment);
    }

    public override IDnsProvider Create(AzureProviderOptions options, ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        // The shared plumbing: retries with Retry-After, per-attempt timeouts, metrics; TLS trust is the system store
        // (so SSL_CERT_FILE works on Linux) unless --tls-ca is given.
        return AzureProvider.Create(options, context.DomainFilter, context.LoggerFactory, context.Time,
            context.Http.CreateHandler(options.ArmHttp), context.Http.CreateHandler(options.IdentityHttp));
    }
}

using ExternalDns.Core.Providers.Http;

namespace ExternalDns.Providers.Azure;

/// <summary>
/// Settings of the Azure DNS and Azure Private DNS providers, resolved and checked once by
/// <see cref="AzureModule"/> from the <c>--azure-*</c> flags, azure.json and the environment. The domain filter is
/// passed to the provider separately.
/// </summary>
public sealed record AzureProviderOptions
{
    public const string DefaultConfigFile = "/etc/kubernetes/azure.json";

    /// <summary>True for <c>--provider=azure-private-dns</c> (Microsoft.Network/privateDnsZones).</summary>
    public bool Private { get; init; }

    public required string SubscriptionId { get; init; }

    /// <summary>The resource group whose zones are managed; empty: every zone of the subscription.</summary>
    public string ResourceGroup { get; init; } = string.Empty;

    public required AzureCredentialSettings Credential { get; init; }

    /// <summary>The Entra ID authority host (cloud default, <c>AZURE_AUTHORITY_HOST</c>, or azure.json's <c>activeDirectoryAuthorityHost</c>).</summary>
    public required Uri AuthorityHost { get; init; }

    /// <summary>When true, MSAL does not ask Microsoft's public host to validate the authority (custom authority hosts).</summary>
    public bool DisableInstanceDiscovery { get; init; }

    /// <summary>The ARM endpoint (<c>--azure-resource-manager-endpoint</c>, azure.json, or the cloud's).</summary>
    public required Uri ResourceManagerEndpoint { get; init; }

    /// <summary>The audience of ARM tokens; the token scope is this plus <c>/.default</c>.</summary>
    public required string Audience { get; init; }

    /// <summary><c>--azure-zones-cache-duration</c>: how long the zone list is reused (0: listed on every read and apply).</summary>
    public TimeSpan ZonesCacheDuration { get; init; }

    /// <summary><c>--azure-maxretries-count</c>: retries after the first attempt of an API call; negative disables retries.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary><c>--zone-name-filter</c>: zones whose names match are managed regardless of the domain filter (upstream).</summary>
    public IReadOnlyList<string> ZoneNameFilter { get; init; } = [];

    /// <summary><c>--zone-id-filter</c>: zone resource ids (or their last segments) that may be managed.</summary>
    public IReadOnlyList<string> ZoneIdFilter { get; init; } = [];

    /// <summary><c>$top</c> of record set list pages (ARM accepts 1 to 1000).</summary>
    public int PageSize { get; init; } = 1000;

    /// <summary>Time limit of one HTTP attempt.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>--tls-ca</c>: PEM CA bundle to trust instead of the system store (ARM and Entra ID); null: system trust.</summary>
    public string? CaFile { get; init; }

    /// <summary><c>--tls-client-cert</c> / <c>--tls-client-cert-key</c>: client certificate for mutual TLS (a proxy); null: none.</summary>
    public string? ClientCertFile { get; init; }

    public string? ClientKeyFile { get; init; }

    /// <summary>The HTTP settings of ARM calls: retries from <see cref="MaxRetries"/> (negative: none).</summary>
    public ProviderHttpOptions ArmHttp => new()
    {
        Provider = "azure",
        MaxRetries = Math.Max(0, MaxRetries),
        Timeout = RequestTimeout,
        CaFile = CaFile,
        ClientCertFile = ClientCertFile,
        ClientKeyFile = ClientKeyFile,
    };

    /// <summary>The HTTP settings of token requests: Azure.Identity retries them itself, so the handler does not.</summary>
    public ProviderHttpOptions IdentityHttp => new()
    {
        Provider = "azure",
        MaxRetries = 0,
        Timeout = RequestTimeout,
        CaFile = CaFile,
        ClientCertFile = ClientCertFile,
        ClientKeyFile = ClientKeyFile,
    };

    /// <summary>The scope requested from Entra ID.</summary>
    public string Scope => Audience.TrimEnd('/') + "/.default";

    public string ProviderName => Private ? "azure-private-dns" : "azure";
}

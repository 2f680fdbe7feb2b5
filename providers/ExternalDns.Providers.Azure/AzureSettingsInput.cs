namespace ExternalDns.Providers.Azure;

/// <summary>The command-line values <see cref="AzureSettingsResolver"/> needs (flag values, already parsed).</summary>
public sealed record AzureSettingsInput
{
    public bool Private { get; init; }

    public string ConfigFile { get; init; } = AzureProviderOptions.DefaultConfigFile;

    /// <summary>True when <c>--azure-config-file</c> was given; then a missing file is an error.</summary>
    public bool ConfigFileSet { get; init; }

    public string ResourceGroup { get; init; } = string.Empty;

    public string SubscriptionId { get; init; } = string.Empty;

    public string UserAssignedIdentityClientId { get; init; } = string.Empty;

    public string ResourceManagerEndpoint { get; init; } = string.Empty;

    public TimeSpan ZonesCacheDuration { get; init; }

    public int MaxRetries { get; init; } = 3;

    public IReadOnlyList<string> ZoneNameFilter { get; init; } = [];

    public IReadOnlyList<string> ZoneIdFilter { get; init; } = [];

    public string CaFile { get; init; } = string.Empty;

    public string ClientCertFile { get; init; } = string.Empty;

    public string ClientKeyFile { get; init; } = string.Empty;
}

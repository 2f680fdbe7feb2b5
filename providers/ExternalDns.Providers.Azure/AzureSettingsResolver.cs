using ExternalDns.Core.Configuration;
using ExternalDns.Core.Providers;

namespace ExternalDns.Providers.Azure;

/// <summary>
/// Turns flags, azure.json and the environment into <see cref="AzureProviderOptions"/>, checking everything once.
/// Credentials in upstream's order: the client secret of azure.json (<c>aadClientId</c> + <c>aadClientSecret</c>, unless
/// either is the placeholder <c>msi</c>), then workload identity (<c>useWorkloadIdentityExtension</c>, or, without
/// azure.json, <c>AZURE_FEDERATED_TOKEN_FILE</c> in the environment), then managed identity
/// (<c>useManagedIdentityExtension</c>, or, without azure.json, as the last resort).
/// </summary>
public static class AzureSettingsResolver
{
    public static AzureProviderOptions Resolve(AzureSettingsInput input, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(environment);
        string Env(string name) => environment(name)?.Trim() ?? string.Empty;

        var file = input.ConfigFile;
        AzureConfig config;
        var haveFile = true;
        if (file.Length == 0)
        {
            config = new AzureConfig();
            haveFile = false;
        }
        else if (!input.ConfigFileSet && !File.Exists(file))
        {
            config = new AzureConfig();
            haveFile = false;
        }
        else
        {
            config = AzureConfigFile.Read(file);
        }

        var where = haveFile ? $"in '{file}'" : "(no azure config file)";
        var subscription = input.SubscriptionId.Length > 0 ? input.SubscriptionId : config.SubscriptionId;
        if (subscription.Length == 0)
        {
            throw new ProviderConfigurationException($"Azure: no subscription: set --azure-subscription-id or the field 'subscriptionId' {where}");
        }

        var resourceGroup = input.ResourceGroup.Length > 0 ? input.ResourceGroup : config.ResourceGroup;
        var cloud = ResolveCloud(config, file, where);
        var authorityText = config.ActiveDirectoryAuthorityHost.Length > 0 ? config.ActiveDirectoryAuthorityHost
            : Env("AZURE_AUTHORITY_HOST") is { Length: > 0 } envAuthority ? envAuthority
            : cloud.AuthorityHost.ToString();
        var authority = HttpsUri(authorityText, config.ActiveDirectoryAuthorityHost.Length > 0 ? $"the field 'activeDirectoryAuthorityHost' {where}" : Env("AZURE_AUTHORITY_HOST").Length > 0 ? "AZURE_AUTHORITY_HOST" : "the cloud's authority host", isFlag: false);
        Uri arm;
        if (input.ResourceManagerEndpoint.Length > 0)
        {
            arm = HttpsUri(input.ResourceManagerEndpoint, "--azure-resource-manager-endpoint", isFlag: true);
        }
        else if (config.ResourceManagerEndpoint.Length > 0)
        {
            arm = HttpsUri(config.ResourceManagerEndpoint, $"the field 'resourceManagerEndpoint' {where}", isFlag: false);
        }
        else
        {
            arm = cloud.ResourceManagerEndpoint;
        }

        var audience = config.ResourceManagerAudience.Length > 0 ? config.ResourceManagerAudience : cloud.Audience;
        var credential = ResolveCredential(input, config, haveFile, file, where, Env);
        return new AzureProviderOptions
        {
            Private = input.Private,
            SubscriptionId = subscription,
            ResourceGroup = resourceGroup,
            Credential = credential,
            AuthorityHost = authority,
            DisableInstanceDiscovery = !AzureCloud.IsKnownAuthority(authority),
            ResourceManagerEndpoint = arm,
            Audience = audience,
            ZonesCacheDuration = input.ZonesCacheDuration,
            MaxRetries = input.MaxRetries,
            ZoneNameFilter = [.. input.ZoneNameFilter.Where(f => !string.IsNullOrWhiteSpace(f))],
            ZoneIdFilter = [.. input.ZoneIdFilter.Where(f => !string.IsNullOrWhiteSpace(f))],
            CaFile = input.CaFile.Length > 0 ? input.CaFile : null,
            ClientCertFile = input.ClientCertFile.Length > 0 ? input.ClientCertFile : null,
            ClientKeyFile = input.ClientKeyFile.Length > 0 ? input.ClientKeyFile : null,
        };
    }

    private static AzureCloud ResolveCloud(AzureConfig config, string file, string where)
    {
        var known = AzureCloud.ForName(config.Cloud);
        if (known is not null)
        {
            return known;
        }

        if (!string.Equals(config.Cloud, "AzureStackCloud", StringComparison.OrdinalIgnoreCase))
        {
            throw new ProviderConfigurationException($"Azure config file '{file}': field 'cloud' is '{config.Cloud}', which is not a known cloud (options: {string.Join(", ", AzureCloud.Names)})");
        }

        foreach (var (field, value) in new[]
        {
            ("activeDirectoryAuthorityHost", config.ActiveDirectoryAuthorityHost),
            ("resourceManagerEndpoint", config.ResourceManagerEndpoint),
            ("resourceManagerAudience", config.ResourceManagerAudience),
        })
        {
            if (value.Length == 0)
            {
                throw new ProviderConfigurationException($"Azure config file '{file}': cloud 'AzureStackCloud' needs the field '{field}' {where}");
            }
        }

        return new AzureCloud("AzureStackCloud", HttpsUri(config.ActiveDirectoryAuthorityHost, $"the field 'activeDirectoryAuthorityHost' {where}", false),
            HttpsUri(config.ResourceManagerEndpoint, $"the field 'resourceManagerEndpoint' {where}", false), config.ResourceManagerAudience);
    }

    private static AzureCredentialSettings ResolveCredential(AzureSettingsInput input, AzureConfig config, bool haveFile, string file, string where, Func<string, string> env)
    {
        var isPlaceholder = string.Equals(config.AadClientId, "msi", StringComparison.OrdinalIgnoreCase) || string.Equals(config.AadClientSecret, "msi", StringComparison.OrdinalIgnoreCase);
        if (config.AadClientId.Length > 0 && config.AadClientSecret.Length > 0 && !isPlaceholder)
        {
            if (config.TenantId.Length == 0)
            {
                throw new ProviderConfigurationException($"Azure config file '{file}': field 'tenantId' is required with 'aadClientId' and 'aadClientSecret'");
            }

            return new AzureCredentialSettings { Kind = AzureCredentialKind.ClientSecret, TenantId = config.TenantId, ClientId = config.AadClientId, ClientSecret = config.AadClientSecret };
        }

        var tokenFile = env("AZURE_FEDERATED_TOKEN_FILE");
        if (config.UseWorkloadIdentityExtension || (!haveFile && tokenFile.Length > 0))
        {
            var tenant = config.TenantId.Length > 0 ? config.TenantId : env("AZURE_TENANT_ID");
            var client = config.AadClientId.Length > 0 && !isPlaceholder ? config.AadClientId : env("AZURE_CLIENT_ID");
            if (tenant.Length == 0)
            {
                throw new ProviderConfigurationException($"Azure workload identity: no tenant: set AZURE_TENANT_ID or the field 'tenantId' {where}");
            }

            if (client.Length == 0)
            {
                throw new ProviderConfigurationException($"Azure workload identity: no client id: set AZURE_CLIENT_ID (the azure.workload.identity/client-id service account annotation) or the field 'aadClientId' {where}");
            }

            if (tokenFile.Length == 0)
            {
                throw new ProviderConfigurationException("Azure workload identity: AZURE_FEDERATED_TOKEN_FILE is not set (is the pod labelled azure.workload.identity/use: \"true\"?)");
            }

            return new AzureCredentialSettings { Kind = AzureCredentialKind.WorkloadIdentity, TenantId = tenant, ClientId = client, TokenFile = tokenFile };
        }

        if (config.UseManagedIdentityExtension || !haveFile)
        {
            var id = input.UserAssignedIdentityClientId.Length > 0 ? input.UserAssignedIdentityClientId : config.UserAssignedIdentityId;
            return new AzureCredentialSettings { Kind = AzureCredentialKind.ManagedIdentity, ClientId = id };
        }

        throw new ProviderConfigurationException(
            $"Azure config file '{file}': no credentials: set 'aadClientId' and 'aadClientSecret', or 'useWorkloadIdentityExtension': true, or 'useManagedIdentityExtension': true");
    }

    private static Uri HttpsUri(string text, string what, bool isFlag)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
        {
            return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        }

        var message = $"{what}: '{text}' is not an https:// URL (Azure.Identity and ARM need TLS)";
        throw isFlag ? new FlagException(message) : new ProviderConfigurationException("Azure: " + message);
    }
}

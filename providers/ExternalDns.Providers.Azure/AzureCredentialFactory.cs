using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace ExternalDns.Providers.Azure;

/// <summary>
/// Builds the Azure.Identity credential for <see cref="AzureCredentialSettings"/>. Every value comes from the options
/// (tenant, client id, token file, authority host), so Azure.Identity does not read the environment for them; only the
/// managed identity credential finds its endpoint itself (<c>IDENTITY_ENDPOINT</c>/<c>IDENTITY_HEADER</c> on App Service
/// and Arc, <c>MSI_ENDPOINT</c> in Cloud Shell, else IMDS), as Azure.Identity documents.
/// </summary>
public static class AzureCredentialFactory
{
    public static TokenCredential Create(AzureProviderOptions options, HttpMessageHandler transport)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transport);
        var settings = options.Credential;
        var pipelineTransport = new HttpClientTransport(new HttpClient(transport, disposeHandler: false));
        var retries = Math.Max(0, options.MaxRetries);
        switch (settings.Kind)
        {
            case AzureCredentialKind.ClientSecret:
                var secretOptions = new ClientSecretCredentialOptions
                {
                    AuthorityHost = options.AuthorityHost,
                    DisableInstanceDiscovery = options.DisableInstanceDiscovery,
                    Transport = pipelineTransport,
                };
                secretOptions.Retry.MaxRetries = retries;
                return new ClientSecretCredential(settings.TenantId, settings.ClientId, settings.ClientSecret, secretOptions);
            case AzureCredentialKind.WorkloadIdentity:
                var workloadOptions = new WorkloadIdentityCredentialOptions
                {
                    TenantId = settings.TenantId,
                    ClientId = settings.ClientId,
                    TokenFilePath = settings.TokenFile,
                    AuthorityHost = options.AuthorityHost,
                    DisableInstanceDiscovery = options.DisableInstanceDiscovery,
                    Transport = pipelineTransport,
                };
                workloadOptions.Retry.MaxRetries = retries;
                return new WorkloadIdentityCredential(workloadOptions);
            default:
                var id = settings.ClientId.Length > 0 ? ManagedIdentityId.FromUserAssignedClientId(settings.ClientId) : ManagedIdentityId.SystemAssigned;
                var managedOptions = new ManagedIdentityCredentialOptions(id) { Transport = pipelineTransport };
                managedOptions.Retry.MaxRetries = retries;
                return new ManagedIdentityCredential(managedOptions);
        }
    }
}

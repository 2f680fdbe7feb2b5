namespace ExternalDns.Providers.Azure;

/// <summary>How the provider gets its ARM tokens (upstream's order: client secret, workload identity, managed identity).</summary>
public enum AzureCredentialKind
{
    /// <summary>A service principal's <c>aadClientId</c> and <c>aadClientSecret</c> from azure.json.</summary>
    ClientSecret,

    /// <summary>Workload identity federation: the projected service account token in <c>AZURE_FEDERATED_TOKEN_FILE</c>.</summary>
    WorkloadIdentity,

    /// <summary>The managed identity of the VM, node pool or App Service (system-assigned, or user-assigned by client id).</summary>
    ManagedIdentity,
}

namespace ExternalDns.Providers.Azure;

/// <summary>
/// The fields of upstream's <c>azure.json</c> (the cloud provider config file AKS and the Azure cloud provider use) that
/// ExternalDNS reads. Unknown fields are ignored, as upstream does. <see cref="ToString"/> never shows the secret.
/// </summary>
public sealed record AzureConfig
{
    public string Cloud { get; init; } = string.Empty;

    public string TenantId { get; init; } = string.Empty;

    public string SubscriptionId { get; init; } = string.Empty;

    public string ResourceGroup { get; init; } = string.Empty;

    public string AadClientId { get; init; } = string.Empty;

    /// <summary>The service principal's secret. Never logged.</summary>
    public string AadClientSecret { get; init; } = string.Empty;

    public bool UseManagedIdentityExtension { get; init; }

    public bool UseWorkloadIdentityExtension { get; init; }

    public string UserAssignedIdentityId { get; init; } = string.Empty;

    public string ActiveDirectoryAuthorityHost { get; init; } = string.Empty;

    public string ResourceManagerEndpoint { get; init; } = string.Empty;

    public string ResourceManagerAudience { get; init; } = string.Empty;

    public override string ToString() =>
        $"AzureConfig {{ Cloud = {Cloud}, TenantId = {TenantId}, SubscriptionId = {SubscriptionId}, ResourceGroup = {ResourceGroup}, AadClientId = {AadClientId}, AadClientSecret = {(AadClientSecret.Length > 0 ? "(set)" : "(empty)")} }}";
}

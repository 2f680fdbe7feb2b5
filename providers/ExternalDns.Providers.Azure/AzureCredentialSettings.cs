namespace ExternalDns.Providers.Azure;

/// <summary>The resolved credential: its kind and what it needs. <see cref="ToString"/> never shows the secret.</summary>
public sealed record AzureCredentialSettings
{
    public required AzureCredentialKind Kind { get; init; }

    public string TenantId { get; init; } = string.Empty;

    /// <summary>Service principal or workload identity application id; for a managed identity the user-assigned
    /// identity's client id (empty: system-assigned).</summary>
    public string ClientId { get; init; } = string.Empty;

    /// <summary>The client secret (ClientSecret only). Never logged.</summary>
    public string ClientSecret { get; init; } = string.Empty;

    /// <summary>The federated token file (WorkloadIdentity only).</summary>
    public string TokenFile { get; init; } = string.Empty;

    /// <summary>What the credential is, for log lines and error messages (no secret).</summary>
    public string Describe() => Kind switch
    {
        AzureCredentialKind.ClientSecret => $"the client secret of aadClientId '{ClientId}' (tenant '{TenantId}')",
        AzureCredentialKind.WorkloadIdentity => $"workload identity of client id '{ClientId}' (tenant '{TenantId}', token file '{TokenFile}')",
        _ => ClientId.Length > 0 ? $"the user-assigned managed identity '{ClientId}'" : "the system-assigned managed identity",
    };

    public override string ToString() => Describe();
}

namespace ExternalDns.Testing.Azure;

/// <summary>One request the emulator answered: the operation (ARM operation id, or Token, ManagedIdentityToken,
/// OpenIdConfiguration, InstanceDiscovery), the path and query, the status, and the conditional headers sent.</summary>
public sealed record AzureRequestRecord(
    string Operation,
    string Method,
    string Path,
    string Query,
    int Status,
    string? IfMatch,
    string? IfNoneMatch);

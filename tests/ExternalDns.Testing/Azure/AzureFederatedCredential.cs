namespace ExternalDns.Testing.Azure;

/// <summary>A federated identity credential of an application: an assertion from <see cref="Issuer"/> about
/// <see cref="Subject"/> with audience <c>api://AzureADTokenExchange</c> may be exchanged for its tokens.</summary>
public sealed record AzureFederatedCredential(string ClientId, string Issuer, string Subject);

namespace ExternalDns.Testing.Azure;

/// <summary>An access token the emulator issued: to whom (client id), for which audience, until when, and how
/// (ClientSecret, ClientAssertion, ManagedIdentity).</summary>
public sealed record AzureIssuedToken(string TenantId, string ClientId, string Audience, DateTimeOffset ExpiresOn, string Flow);

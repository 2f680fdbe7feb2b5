namespace ExternalDns.Core.Endpoints;

/// <summary>A provider-specific name/value pair carried by an endpoint (for example <c>external-dns.alpha.kubernetes.io/cloudflare-proxied</c>).</summary>
public sealed record ProviderSpecificProperty(string Name, string Value);

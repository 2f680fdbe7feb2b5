namespace ExternalDns.Providers.Cloudflare;

/// <summary>A change Cloudflare refused (or that could not be sent), by name, with the reason.</summary>
internal sealed record CloudflareRejection(string Zone, string Name, string Reason);

namespace ExternalDns.Testing.Cloudflare;

/// <summary>A Regional Services hostname (Data Localization Suite) as the emulator stores it.</summary>
public sealed record CloudflareStoredRegionalHostname(string ZoneId, string Hostname, string RegionKey, string Routing, DateTimeOffset CreatedOn);

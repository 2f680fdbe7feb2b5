namespace ExternalDns.Testing.Cloudflare;

/// <summary>A zone of the emulator.</summary>
public sealed record CloudflareStoredZone(string Id, string Name, CloudflarePlan Plan, string AccountId);

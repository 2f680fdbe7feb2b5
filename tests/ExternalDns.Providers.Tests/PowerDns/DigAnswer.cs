namespace ExternalDns.Providers.Tests.PowerDns;

/// <summary>One answer line of dig: name, TTL, type and record data as dig prints them.</summary>
public sealed record DigAnswer(string Name, long Ttl, string Type, string Data);

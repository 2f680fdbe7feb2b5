namespace ExternalDns.Testing.Cloudflare;

/// <summary>One request received by <see cref="CloudflareApiServer"/> (the authentication headers are never kept).</summary>
public sealed record CloudflareRequestRecord(string Method, string Path, string Query, string Operation, int Status);

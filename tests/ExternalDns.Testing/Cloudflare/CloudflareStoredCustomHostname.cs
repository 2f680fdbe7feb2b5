namespace ExternalDns.Testing.Cloudflare;

/// <summary>A Cloudflare for SaaS custom hostname as the emulator stores it.</summary>
public sealed record CloudflareStoredCustomHostname
{
    public required string Id { get; init; }

    public required string ZoneId { get; init; }

    public required string Hostname { get; init; }

    public string? CustomOriginServer { get; init; }

    public string? CustomOriginSni { get; init; }

    /// <summary>DCV method: http, txt or email.</summary>
    public string SslMethod { get; init; } = "http";

    public string SslType { get; init; } = "dv";

    public string? BundleMethod { get; init; }

    public string? CertificateAuthority { get; init; }

    public string? MinTlsVersion { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

namespace ExternalDns.Testing.Cloudflare;

/// <summary>A DNS record as the emulator stores it (names lower case, no trailing dot). Immutable: a change replaces it.</summary>
public sealed record CloudflareStoredRecord
{
    public required string Id { get; init; }

    public required string ZoneId { get; init; }

    public required string Name { get; init; }

    public required string Type { get; init; }

    public required string Content { get; init; }

    /// <summary>1 means automatic.</summary>
    public int Ttl { get; init; } = 1;

    public bool Proxied { get; init; }

    public string? Comment { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>MX (and SRV, mirrored from <see cref="Srv"/>) priority.</summary>
    public int? Priority { get; init; }

    public CloudflareSrvData? Srv { get; init; }

    public DateTimeOffset CreatedOn { get; init; }

    public DateTimeOffset ModifiedOn { get; init; }

    public bool Proxiable => Type is "A" or "AAAA" or "CNAME";
}

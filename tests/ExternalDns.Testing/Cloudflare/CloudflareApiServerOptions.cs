namespace ExternalDns.Testing.Cloudflare;

/// <summary>Options of <see cref="CloudflareApiServer"/>.</summary>
public sealed class CloudflareApiServerOptions
{
    /// <summary>Clock for timestamps and injected delays.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The API token accepted from the start (with <see cref="TokenPermissions"/>); null generates one.</summary>
    public string? Token { get; init; }

    public CloudflarePermissions TokenPermissions { get; init; } = CloudflarePermissions.All;

    /// <summary>A Global API key accepted with <see cref="ApiEmail"/> (X-Auth-Key/X-Auth-Email); null: none.</summary>
    public string? ApiKey { get; init; }

    public string? ApiEmail { get; init; }

    /// <summary>Region keys accepted for regional hostnames.</summary>
    public IReadOnlyCollection<string> RegionKeys { get; init; } = ["earth", "us", "eu", "ca", "in", "au", "jp", "sg", "kr", "gb", "br"];

    /// <summary>Maximum <c>per_page</c> of the DNS record list (documented: 5,000); larger values are clamped.</summary>
    public int MaxRecordsPerPage { get; init; } = 5000;

    /// <summary>Operations per batch on a Free zone (documented: 200).</summary>
    public int BatchLimitFree { get; init; } = 200;

    /// <summary>Operations per batch on Pro, Business and Enterprise zones (documented: 3,500).</summary>
    public int BatchLimitPaid { get; init; } = 3500;

    /// <summary>The account all zones belong to.</summary>
    public string AccountId { get; init; } = "9a7806061c88ada191ed06f989cc3dac";
}

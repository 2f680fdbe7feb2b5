using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Cloudflare.Api;

/// <summary>A Regional Services hostname: a request and an answer of <c>/zones/{id}/addressing/regional_hostnames</c>.</summary>
public sealed class CloudflareRegionalHostname
{
    [JsonPropertyName("hostname")]
    public string? Hostname { get; set; }

    [JsonPropertyName("region_key")]
    public string RegionKey { get; set; } = string.Empty;
}

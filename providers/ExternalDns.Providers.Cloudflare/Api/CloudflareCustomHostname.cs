using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Cloudflare.Api;

/// <summary>A Cloudflare for SaaS custom hostname (the fields the provider reads).</summary>
public sealed class CloudflareCustomHostname
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    [JsonPropertyName("hostname")]
    public string Hostname { get; set; } = string.Empty;

    [JsonPropertyName("custom_origin_server")]
    public string? CustomOriginServer { get; set; }
}

using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Cloudflare.Api;

/// <summary>A DNS record as the API returns it (the fields the provider reads).</summary>
public sealed class CloudflareDnsRecord
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    [JsonPropertyName("content")]
    public string Content { get; set; } = string.Empty;

    /// <summary>1 means automatic.</summary>
    [JsonPropertyName("ttl")]
    public int Ttl { get; set; }

    [JsonPropertyName("proxied")]
    public bool Proxied { get; set; }

    [JsonPropertyName("comment")]
    public string? Comment { get; set; }

    [JsonPropertyName("tags")]
    public List<string>? Tags { get; set; }

    [JsonPropertyName("priority")]
    public int? Priority { get; set; }

    /// <summary>Structured data; read for SRV records.</summary>
    [JsonPropertyName("data")]
    public CloudflareSrvData? Data { get; set; }
}

using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Cloudflare.Api;

/// <summary>
/// A record as the provider writes it: a batch <c>post</c> (no <see cref="Id"/>) or <c>put</c> (with the id of the
/// record it overwrites). A put replaces every field, so an absent comment or tag list clears it.
/// </summary>
public sealed class CloudflareDnsRecordBody
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    [JsonPropertyName("content")]
    public string? Content { get; set; }

    [JsonPropertyName("ttl")]
    public int Ttl { get; set; } = 1;

    [JsonPropertyName("proxied")]
    public bool Proxied { get; set; }

    [JsonPropertyName("comment")]
    public string? Comment { get; set; }

    [JsonPropertyName("tags")]
    public List<string>? Tags { get; set; }

    [JsonPropertyName("priority")]
    public int? Priority { get; set; }

    [JsonPropertyName("data")]
    public CloudflareSrvData? Data { get; set; }
}

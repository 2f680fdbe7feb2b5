using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Cloudflare.Api;

/// <summary>The result of a batch: the deleted records as they were, the overwritten and the created ones.</summary>
public sealed class CloudflareBatchResult
{
    [JsonPropertyName("deletes")]
    public List<CloudflareDnsRecord>? Deletes { get; set; }

    [JsonPropertyName("puts")]
    public List<CloudflareDnsRecord>? Puts { get; set; }

    [JsonPropertyName("posts")]
    public List<CloudflareDnsRecord>? Posts { get; set; }
}

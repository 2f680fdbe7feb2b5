using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Cloudflare.Api;

/// <summary>The body of <c>POST /zones/{id}/dns_records/batch</c>; Cloudflare runs deletes, puts, then posts, in one transaction.</summary>
public sealed class CloudflareBatchRequest
{
    [JsonPropertyName("deletes")]
    public List<CloudflareRecordId> Deletes { get; set; } = [];

    [JsonPropertyName("puts")]
    public List<CloudflareDnsRecordBody> Puts { get; set; } = [];

    [JsonPropertyName("posts")]
    public List<CloudflareDnsRecordBody> Posts { get; set; } = [];

    [JsonIgnore]
    public int Count => Deletes.Count + Puts.Count + Posts.Count;
}

using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Cloudflare.Api;

/// <summary>A batch <c>delete</c>: <c>{"id": "…"}</c>.</summary>
public sealed class CloudflareRecordId
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;
}

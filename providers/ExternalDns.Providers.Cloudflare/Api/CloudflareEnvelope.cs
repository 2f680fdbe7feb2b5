using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Cloudflare.Api;

/// <summary>Cloudflare's response envelope: <c>{"success", "errors", "messages", "result", "result_info"}</c>.</summary>
/// <typeparam name="T">The type of <c>result</c>.</typeparam>
public sealed class CloudflareEnvelope<T>
{
    [JsonPropertyName("success")]
    public bool Success { get; set; }

    [JsonPropertyName("errors")]
    public List<CloudflareError>? Errors { get; set; }

    [JsonPropertyName("result")]
    public T? Result { get; set; }

    [JsonPropertyName("result_info")]
    public CloudflareResultInfo? ResultInfo { get; set; }
}

using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Cloudflare.Api;

/// <summary>One entry of <c>errors</c>, with the more specific reasons in <c>error_chain</c>.</summary>
public sealed class CloudflareError
{
    [JsonPropertyName("code")]
    public int Code { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("error_chain")]
    public List<CloudflareError>? ErrorChain { get; set; }

    public override string ToString()
    {
        var text = $"{Code} {Message}";
        return ErrorChain is { Count: > 0 } chain ? $"{text} ({string.Join("; ", chain)})" : text;
    }
}

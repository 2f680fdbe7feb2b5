using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Cloudflare.Api;

/// <summary>The <c>data</c> of an SRV record.</summary>
public sealed class CloudflareSrvData
{
    [JsonPropertyName("priority")]
    public int Priority { get; set; }

    [JsonPropertyName("weight")]
    public int Weight { get; set; }

    [JsonPropertyName("port")]
    public int Port { get; set; }

    [JsonPropertyName("target")]
    public string Target { get; set; } = string.Empty;
}

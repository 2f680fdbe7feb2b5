using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Cloudflare.Api;

/// <summary>The body of <c>POST /zones/{id}/custom_hostnames</c>.</summary>
public sealed class CloudflareCustomHostnameRequest
{
    [JsonPropertyName("hostname")]
    public string Hostname { get; set; } = string.Empty;

    [JsonPropertyName("custom_origin_server")]
    public string? CustomOriginServer { get; set; }

    [JsonPropertyName("ssl")]
    public CloudflareCustomHostnameSsl? Ssl { get; set; }
}

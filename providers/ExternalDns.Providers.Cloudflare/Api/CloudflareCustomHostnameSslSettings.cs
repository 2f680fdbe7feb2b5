using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Cloudflare.Api;

/// <summary>TLS settings of a custom hostname's certificate.</summary>
public sealed class CloudflareCustomHostnameSslSettings
{
    [JsonPropertyName("min_tls_version")]
    public string? MinTlsVersion { get; set; }
}

using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Cloudflare.Api;

/// <summary>The certificate request of a custom hostname: DV, validated over HTTP, with the configured CA and minimum TLS.</summary>
public sealed class CloudflareCustomHostnameSsl
{
    [JsonPropertyName("method")]
    public string Method { get; set; } = "http";

    [JsonPropertyName("type")]
    public string Type { get; set; } = "dv";

    [JsonPropertyName("bundle_method")]
    public string? BundleMethod { get; set; }

    /// <summary>Omitted for "none" (only Enterprise zones may choose a CA).</summary>
    [JsonPropertyName("certificate_authority")]
    public string? CertificateAuthority { get; set; }

    [JsonPropertyName("settings")]
    public CloudflareCustomHostnameSslSettings? Settings { get; set; }
}

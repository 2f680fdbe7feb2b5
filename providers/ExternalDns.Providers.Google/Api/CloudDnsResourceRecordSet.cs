using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Google.Api;

/// <summary>A Cloud DNS <c>ResourceRecordSet</c>: absolute name, type, TTL and rrdatas (presentation format).</summary>
public sealed class CloudDnsResourceRecordSet
{
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "dns#resourceRecordSet";

    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    [JsonPropertyName("ttl")]
    public int Ttl { get; set; }

    [JsonPropertyName("rrdatas")]
    public List<string> Rrdatas { get; set; } = [];

    /// <summary>Present on DNSSEC-signed zones; sent back unchanged in a deletion so that it matches exactly.</summary>
    [JsonPropertyName("signatureRrdatas")]
    public List<string>? SignatureRrdatas { get; set; }

    public override string ToString() => $"{Name} {Ttl} {Type} {string.Join(' ', Rrdatas)}";
}

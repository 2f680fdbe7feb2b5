using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Webhook.Json;

/// <summary>Upstream's <c>endpoint.Endpoint</c> as it travels (read side; every member may be absent or null).</summary>
internal sealed class WireEndpoint
{
    [JsonPropertyName("dnsName")]
    public string? DnsName { get; set; }

    [JsonPropertyName("targets")]
    public List<string?>? Targets { get; set; }

    [JsonPropertyName("recordType")]
    public string? RecordType { get; set; }

    [JsonPropertyName("setIdentifier")]
    public string? SetIdentifier { get; set; }

    [JsonPropertyName("recordTTL")]
    public long? RecordTtl { get; set; }

    [JsonPropertyName("labels")]
    public Dictionary<string, string?>? Labels { get; set; }

    [JsonPropertyName("providerSpecific")]
    public List<WireProviderSpecific?>? ProviderSpecific { get; set; }
}

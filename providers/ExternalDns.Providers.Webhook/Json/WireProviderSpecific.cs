using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Webhook.Json;

/// <summary>Upstream's <c>ProviderSpecificProperty</c>: <c>{"name":…,"value":…}</c>.</summary>
internal sealed class WireProviderSpecific
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("value")]
    public string? Value { get; set; }
}

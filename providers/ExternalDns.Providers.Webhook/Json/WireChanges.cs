using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Webhook.Json;

/// <summary>Upstream's <c>plan.Changes</c>: the body of <c>POST /records</c>.</summary>
internal sealed class WireChanges
{
    [JsonPropertyName("create")]
    public List<WireEndpoint?>? Create { get; set; }

    [JsonPropertyName("updateOld")]
    public List<WireEndpoint?>? UpdateOld { get; set; }

    [JsonPropertyName("updateNew")]
    public List<WireEndpoint?>? UpdateNew { get; set; }

    [JsonPropertyName("delete")]
    public List<WireEndpoint?>? Delete { get; set; }
}

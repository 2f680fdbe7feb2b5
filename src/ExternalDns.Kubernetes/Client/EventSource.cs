using System.Text.Json.Serialization;

namespace ExternalDns.Kubernetes.Client;

/// <summary>core/v1 <c>EventSource</c>.</summary>
public sealed class EventSource
{
    [JsonPropertyName("component")]
    public string? Component { get; set; }

    [JsonPropertyName("host")]
    public string? Host { get; set; }
}

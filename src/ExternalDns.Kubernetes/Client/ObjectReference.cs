using System.Text.Json.Serialization;

namespace ExternalDns.Kubernetes.Client;

/// <summary>core/v1 <c>ObjectReference</c>: the object an event is about.</summary>
public sealed class ObjectReference
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("uid")]
    public string? Uid { get; set; }

    [JsonPropertyName("resourceVersion")]
    public string? ResourceVersion { get; set; }

    [JsonPropertyName("fieldPath")]
    public string? FieldPath { get; set; }
}

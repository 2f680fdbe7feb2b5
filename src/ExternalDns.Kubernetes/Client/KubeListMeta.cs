using System.Text.Json.Serialization;

namespace ExternalDns.Kubernetes.Client;

/// <summary><c>metadata</c> of a list response: the resource version to watch from and the pagination token.</summary>
public sealed class KubeListMeta
{
    [JsonPropertyName("resourceVersion")]
    public string? ResourceVersion { get; set; }

    [JsonPropertyName("continue")]
    public string? Continue { get; set; }

    [JsonPropertyName("remainingItemCount")]
    public long? RemainingItemCount { get; set; }
}

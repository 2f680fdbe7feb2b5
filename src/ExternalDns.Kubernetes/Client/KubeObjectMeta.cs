using System.Text.Json.Serialization;

namespace ExternalDns.Kubernetes.Client;

/// <summary>
/// The part of <c>metadata</c> the client itself needs (identity, concurrency, labels). A minimal copy kept inside the
/// client so that it does not depend on the source models; the models have their own richer types.
/// </summary>
public sealed class KubeObjectMeta
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("generateName")]
    public string? GenerateName { get; set; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    [JsonPropertyName("uid")]
    public string? Uid { get; set; }

    [JsonPropertyName("resourceVersion")]
    public string? ResourceVersion { get; set; }

    [JsonPropertyName("generation")]
    public long? Generation { get; set; }

    [JsonPropertyName("creationTimestamp")]
    public DateTimeOffset? CreationTimestamp { get; set; }

    [JsonPropertyName("deletionTimestamp")]
    public DateTimeOffset? DeletionTimestamp { get; set; }

    [JsonPropertyName("labels")]
    public Dictionary<string, string>? Labels { get; set; }

    [JsonPropertyName("annotations")]
    public Dictionary<string, string>? Annotations { get; set; }

    /// <summary>The cache key client-go uses: <c>namespace/name</c>, or just <c>name</c> for cluster-scoped objects.</summary>
    [JsonIgnore]
    public string Key => string.IsNullOrEmpty(Namespace) ? Name ?? "" : Namespace + "/" + Name;
}

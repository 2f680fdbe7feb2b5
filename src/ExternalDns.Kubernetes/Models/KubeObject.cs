using System.Text.Json.Serialization;

namespace ExternalDns.Kubernetes.Models;

/// <summary>Fields every Kubernetes object has: <c>apiVersion</c>, <c>kind</c> and <c>metadata</c>.</summary>
public abstract class KubeObject
{
    private static readonly Dictionary<string, string> EmptyMap = new(StringComparer.Ordinal);

    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public ObjectMeta Metadata { get; set => field = value ?? new(); } = new();

    /// <summary>The object's name, or an empty string.</summary>
    [JsonIgnore]
    public string Name => Metadata.Name ?? string.Empty;

    /// <summary>The object's namespace, or an empty string for cluster-scoped objects.</summary>
    [JsonIgnore]
    public string Namespace => Metadata.Namespace ?? string.Empty;

    [JsonIgnore]
    public IReadOnlyDictionary<string, string> Labels => Metadata.Labels ?? EmptyMap;

    [JsonIgnore]
    public IReadOnlyDictionary<string, string> Annotations => Metadata.Annotations ?? EmptyMap;
}

using System.Text.Json.Serialization;

namespace ExternalDns.Kubernetes.Client;

/// <summary>coordination.k8s.io/v1 <c>Lease</c> (minimal copy used by leader election).</summary>
public sealed class Lease
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "coordination.k8s.io/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "Lease";

    [JsonPropertyName("metadata")]
    public KubeObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public LeaseSpec? Spec { get; set; }
}

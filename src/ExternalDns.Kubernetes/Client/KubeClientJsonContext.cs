using System.Text.Json.Serialization;

namespace ExternalDns.Kubernetes.Client;

/// <summary>Source-generated System.Text.Json metadata for the client's public envelope and model types.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(KubeStatus))]
[JsonSerializable(typeof(KubeObjectMeta))]
[JsonSerializable(typeof(KubeListMeta))]
[JsonSerializable(typeof(Lease))]
[JsonSerializable(typeof(KubeEvent))]
public sealed partial class KubeClientJsonContext : JsonSerializerContext
{
}

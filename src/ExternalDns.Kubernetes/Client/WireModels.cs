using System.Text.Json.Serialization;

namespace ExternalDns.Kubernetes.Client;

/// <summary>
/// The identity part of an object's <c>metadata</c> (no labels, no annotations): what an informer's list needs per item
/// (its key and resource version), without allocating the annotations a second time beside the model.
/// </summary>
internal sealed class ObjectIdentity
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    [JsonPropertyName("uid")]
    public string? Uid { get; set; }

    [JsonPropertyName("resourceVersion")]
    public string? ResourceVersion { get; set; }
}

/// <summary>client.authentication.k8s.io ExecCredential, as sent to (spec) and read from (status) an exec plugin.</summary>
internal sealed class ExecCredential
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("spec")]
    public ExecCredentialSpec? Spec { get; set; }

    [JsonPropertyName("status")]
    public ExecCredentialStatus? Status { get; set; }
}

internal sealed class ExecCredentialSpec
{
    [JsonPropertyName("interactive")]
    public bool Interactive { get; set; }

    [JsonPropertyName("cluster")]
    public ExecClusterInfo? Cluster { get; set; }
}

internal sealed class ExecClusterInfo
{
    [JsonPropertyName("server")]
    public string? Server { get; set; }

    [JsonPropertyName("tls-server-name")]
    public string? TlsServerName { get; set; }

    [JsonPropertyName("insecure-skip-tls-verify")]
    public bool InsecureSkipTlsVerify { get; set; }

    [JsonPropertyName("certificate-authority-data")]
    public string? CertificateAuthorityData { get; set; }
}

internal sealed class ExecCredentialStatus
{
    [JsonPropertyName("token")]
    public string? Token { get; set; }

    [JsonPropertyName("clientCertificateData")]
    public string? ClientCertificateData { get; set; }

    [JsonPropertyName("clientKeyData")]
    public string? ClientKeyData { get; set; }

    [JsonPropertyName("expirationTimestamp")]
    public DateTimeOffset? ExpirationTimestamp { get; set; }
}

/// <summary>The merge patch that bumps an aggregated event.</summary>
internal sealed class EventCountPatch
{
    [JsonPropertyName("count")]
    public int Count { get; set; }

    [JsonPropertyName("lastTimestamp")]
    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset LastTimestamp { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(KubeListMeta))]
[JsonSerializable(typeof(KubeObjectMeta))]
[JsonSerializable(typeof(ObjectIdentity))]
[JsonSerializable(typeof(ExecCredential))]
[JsonSerializable(typeof(EventCountPatch))]
[JsonSerializable(typeof(KubeStatus))]
internal sealed partial class KubeWireJsonContext : JsonSerializerContext
{
}

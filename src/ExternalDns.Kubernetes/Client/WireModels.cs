using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExternalDns.Kubernetes.Client;

/// <summary>A list response with its items kept raw, so each is read twice: metadata for the client, body for the caller.</summary>
internal sealed class RawList
{
    [JsonPropertyName("metadata")]
    public KubeListMeta? Metadata { get; set; }

    [JsonPropertyName("items")]
    public List<JsonElement>? Items { get; set; }
}

/// <summary>One line of a watch stream.</summary>
internal sealed class RawWatchEvent
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("object")]
    public JsonElement Object { get; set; }
}

/// <summary>Any object, read only for its metadata (and kind, to recognise a Status).</summary>
internal sealed class MetadataEnvelope
{
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("metadata")]
    public KubeObjectMeta? Metadata { get; set; }
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
[JsonSerializable(typeof(RawList))]
[JsonSerializable(typeof(RawWatchEvent))]
[JsonSerializable(typeof(MetadataEnvelope))]
[JsonSerializable(typeof(ExecCredential))]
[JsonSerializable(typeof(EventCountPatch))]
[JsonSerializable(typeof(KubeStatus))]
internal sealed partial class KubeWireJsonContext : JsonSerializerContext
{
}

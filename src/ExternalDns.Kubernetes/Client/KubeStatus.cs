using System.Text.Json.Serialization;

namespace ExternalDns.Kubernetes.Client;

/// <summary>A meta/v1 <c>Status</c>: the body of every API error and of watch <c>ERROR</c> events.</summary>
public sealed class KubeStatus
{
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    /// <summary><c>Success</c> or <c>Failure</c>.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    /// <summary>Machine-readable reason such as <c>Conflict</c>, <c>NotFound</c>, <c>Expired</c>, <c>Gone</c>.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("code")]
    public int Code { get; set; }

    [JsonPropertyName("details")]
    public KubeStatusDetails? Details { get; set; }
}

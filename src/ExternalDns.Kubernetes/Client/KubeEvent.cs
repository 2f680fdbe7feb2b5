using System.Text.Json.Serialization;

namespace ExternalDns.Kubernetes.Client;

/// <summary>core/v1 <c>Event</c> (minimal copy used by <see cref="EventRecorder"/>).</summary>
public sealed class KubeEvent
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "Event";

    [JsonPropertyName("metadata")]
    public KubeObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("involvedObject")]
    public ObjectReference InvolvedObject { get; set; } = new();

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    /// <summary><c>Normal</c> or <c>Warning</c> (<see cref="KubeEventTypes"/>).</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("source")]
    public EventSource? Source { get; set; }

    [JsonPropertyName("count")]
    public int? Count { get; set; }

    [JsonPropertyName("firstTimestamp")]
    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? FirstTimestamp { get; set; }

    [JsonPropertyName("lastTimestamp")]
    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? LastTimestamp { get; set; }

    [JsonPropertyName("reportingComponent")]
    public string? ReportingComponent { get; set; }

    [JsonPropertyName("reportingInstance")]
    public string? ReportingInstance { get; set; }
}

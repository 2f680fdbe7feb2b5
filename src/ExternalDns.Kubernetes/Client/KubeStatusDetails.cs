using System.Text.Json.Serialization;

namespace ExternalDns.Kubernetes.Client;

/// <summary><c>Status.details</c>: which object the status is about, and a server-suggested retry delay.</summary>
public sealed class KubeStatusDetails
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("group")]
    public string? Group { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("retryAfterSeconds")]
    public int? RetryAfterSeconds { get; set; }
}

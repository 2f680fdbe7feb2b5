using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Google.Api;

/// <summary>One entry of <c>error.errors</c>: the machine-readable <see cref="Reason"/> (<c>rateLimitExceeded</c>,
/// <c>conditionNotMet</c>, <c>alreadyExists</c>, …).</summary>
public sealed class CloudDnsErrorItem
{
    [JsonPropertyName("domain")]
    public string? Domain { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }
}

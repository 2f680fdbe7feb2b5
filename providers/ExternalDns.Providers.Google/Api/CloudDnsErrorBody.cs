using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Google.Api;

/// <summary>The <c>error</c> object of a Google API error response.</summary>
public sealed class CloudDnsErrorBody
{
    [JsonPropertyName("code")]
    public int Code { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("errors")]
    public List<CloudDnsErrorItem>? Errors { get; set; }
}

using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Google.Api;

/// <summary>Google's error body: <c>{"error":{"code","message","errors":[{"domain","reason","message"}],"status"}}</c>.</summary>
public sealed class CloudDnsErrorResponse
{
    [JsonPropertyName("error")]
    public CloudDnsErrorBody? Error { get; set; }
}

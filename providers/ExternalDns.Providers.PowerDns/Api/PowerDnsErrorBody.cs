using System.Text.Json.Serialization;

namespace ExternalDns.Providers.PowerDns.Api;

/// <summary>The JSON body PowerDNS sends with most 4xx/5xx answers: <c>{"error": "…", "errors": ["…"]}</c>.</summary>
public sealed class PowerDnsErrorBody
{
    [JsonPropertyName("error")]
    public string? Error { get; set; }

    [JsonPropertyName("errors")]
    public List<string>? Errors { get; set; }
}

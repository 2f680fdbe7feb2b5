using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Google.Api;

/// <summary>A Cloud DNS <c>Change</c>: deletions are applied before additions, atomically; <see cref="Status"/> is
/// <c>pending</c> until the change is served, then <c>done</c>.</summary>
public sealed class CloudDnsChange
{
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "dns#change";

    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("additions")]
    public List<CloudDnsResourceRecordSet> Additions { get; set; } = [];

    [JsonPropertyName("deletions")]
    public List<CloudDnsResourceRecordSet> Deletions { get; set; } = [];

    [JsonIgnore]
    public bool IsDone => Status == "done";
}

using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Google.Api;

/// <summary>One page of <c>resourceRecordSets.list</c>.</summary>
public sealed class CloudDnsResourceRecordSetsPage
{
    [JsonPropertyName("rrsets")]
    public List<CloudDnsResourceRecordSet> Rrsets { get; set; } = [];

    [JsonPropertyName("nextPageToken")]
    public string? NextPageToken { get; set; }
}

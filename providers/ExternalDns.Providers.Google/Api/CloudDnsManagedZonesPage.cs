using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Google.Api;

/// <summary>One page of <c>managedZones.list</c>.</summary>
public sealed class CloudDnsManagedZonesPage
{
    [JsonPropertyName("managedZones")]
    public List<CloudDnsManagedZone> ManagedZones { get; set; } = [];

    [JsonPropertyName("nextPageToken")]
    public string? NextPageToken { get; set; }
}

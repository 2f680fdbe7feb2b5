using System.Text.Json.Serialization;

namespace ExternalDns.Providers.PowerDns.Api;

/// <summary>
/// A zone (<c>Zone</c> in the PowerDNS API). The list call returns zones without rrsets; the zone call includes them.
/// </summary>
public sealed class PowerDnsZone
{
    /// <summary>The id used in URLs (the name with trailing dot, some characters escaped by PowerDNS).</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    /// <summary>The zone name with trailing dot.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("url")]
    public string? Url { get; set; }

    [JsonPropertyName("serial")]
    public long? Serial { get; set; }

    [JsonPropertyName("rrsets")]
    public List<PowerDnsRRset>? RRsets { get; set; }
}

using System.Text.Json.Serialization;

namespace ExternalDns.Providers.PowerDns.Api;

/// <summary>
/// A resource record set (<c>RRSet</c> in the PowerDNS API): a name and type with its records. In a PATCH,
/// <see cref="ChangeType"/> is REPLACE (with TTL and records) or DELETE (neither).
/// </summary>
public sealed class PowerDnsRRset
{
    /// <summary>The owner name, canonical: lower case with a trailing dot.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    [JsonPropertyName("ttl")]
    public long? Ttl { get; set; }

    [JsonPropertyName("changetype")]
    public string? ChangeType { get; set; }

    [JsonPropertyName("records")]
    public List<PowerDnsRecord>? Records { get; set; }

    [JsonPropertyName("comments")]
    public List<PowerDnsComment>? Comments { get; set; }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Google.Api;

/// <summary>A Cloud DNS <c>ManagedZone</c>: only the fields the provider reads.</summary>
public sealed class CloudDnsManagedZone
{
    /// <summary>The zone's resource name (<c>example-org</c>): the <c>managedZone</c> path parameter.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    /// <summary>The DNS name with a trailing dot (<c>example.org.</c>).</summary>
    [JsonPropertyName("dnsName")]
    public string DnsName { get; set; } = string.Empty;

    /// <summary>The numeric id; a uint64 that the API sends as a JSON string.</summary>
    [JsonPropertyName("id")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public ulong Id { get; set; }

    /// <summary><c>public</c> or <c>private</c>.</summary>
    [JsonPropertyName("visibility")]
    public string? Visibility { get; set; }

    /// <summary>Present on a peering zone (it resolves in another network; it holds no records of its own).</summary>
    [JsonPropertyName("peeringConfig")]
    public JsonElement? PeeringConfig { get; set; }

    /// <summary>Present on a forwarding zone (queries go to other name servers).</summary>
    [JsonPropertyName("forwardingConfig")]
    public JsonElement? ForwardingConfig { get; set; }
}

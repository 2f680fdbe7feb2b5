using System.Text.Json.Serialization;

namespace ExternalDns.Providers.PowerDns.Api;

/// <summary>One record of an rrset (<c>Record</c> in the PowerDNS API).</summary>
public sealed class PowerDnsRecord
{
    [JsonPropertyName("content")]
    public string Content { get; set; } = string.Empty;

    [JsonPropertyName("disabled")]
    public bool Disabled { get; set; }
}

using System.Text.Json.Serialization;

namespace ExternalDns.Providers.PowerDns.Api;

/// <summary>A comment attached to an rrset (<c>Comment</c> in the PowerDNS API). Read, never written.</summary>
public sealed class PowerDnsComment
{
    [JsonPropertyName("content")]
    public string? Content { get; set; }

    [JsonPropertyName("account")]
    public string? Account { get; set; }

    [JsonPropertyName("modified_at")]
    public long? ModifiedAt { get; set; }
}

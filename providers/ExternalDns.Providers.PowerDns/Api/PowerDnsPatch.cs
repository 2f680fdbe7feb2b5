using System.Text.Json.Serialization;

namespace ExternalDns.Providers.PowerDns.Api;

/// <summary>The body of <c>PATCH /api/v1/servers/{server}/zones/{zone}</c>: rrset changes applied in order, atomically.</summary>
public sealed class PowerDnsPatch
{
    [JsonPropertyName("rrsets")]
    public List<PowerDnsRRset> RRsets { get; set; } = [];
}

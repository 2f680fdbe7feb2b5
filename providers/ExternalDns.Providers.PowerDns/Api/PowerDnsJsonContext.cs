using System.Text.Json.Serialization;

namespace ExternalDns.Providers.PowerDns.Api;

/// <summary>Source-generated System.Text.Json metadata for the PowerDNS API models.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<PowerDnsZone>))]
[JsonSerializable(typeof(PowerDnsZone))]
[JsonSerializable(typeof(PowerDnsPatch))]
[JsonSerializable(typeof(PowerDnsErrorBody))]
public sealed partial class PowerDnsJsonContext : JsonSerializerContext
{
}

using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Azure.Api;

/// <summary>Source-generated System.Text.Json metadata for the ARM DNS models. Reads are case-insensitive (ARM's
/// property names differ in case between the public and private APIs); writes use each class's declared names.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNameCaseInsensitive = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ArmZoneList))]
[JsonSerializable(typeof(ArmRecordSetList))]
[JsonSerializable(typeof(ArmRecordSet))]
[JsonSerializable(typeof(ArmPublicRecordSetBody))]
[JsonSerializable(typeof(ArmPrivateRecordSetBody))]
[JsonSerializable(typeof(ArmError))]
internal sealed partial class ArmJsonContext : JsonSerializerContext
{
}

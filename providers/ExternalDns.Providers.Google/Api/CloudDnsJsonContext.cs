using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Google.Api;

/// <summary>Source-generated System.Text.Json metadata for the Cloud DNS API models.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CloudDnsManagedZonesPage))]
[JsonSerializable(typeof(CloudDnsResourceRecordSetsPage))]
[JsonSerializable(typeof(CloudDnsChange))]
[JsonSerializable(typeof(CloudDnsErrorResponse))]
public sealed partial class CloudDnsJsonContext : JsonSerializerContext
{
}

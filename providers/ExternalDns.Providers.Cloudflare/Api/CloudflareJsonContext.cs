using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Cloudflare.Api;

/// <summary>Source-generated System.Text.Json metadata for the Cloudflare API models.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CloudflareEnvelope<List<CloudflareZone>>))]
[JsonSerializable(typeof(CloudflareEnvelope<CloudflareZone>))]
[JsonSerializable(typeof(CloudflareEnvelope<List<CloudflareDnsRecord>>))]
[JsonSerializable(typeof(CloudflareEnvelope<CloudflareBatchResult>))]
[JsonSerializable(typeof(CloudflareEnvelope<List<CloudflareCustomHostname>>))]
[JsonSerializable(typeof(CloudflareEnvelope<CloudflareCustomHostname>))]
[JsonSerializable(typeof(CloudflareEnvelope<List<CloudflareRegionalHostname>>))]
[JsonSerializable(typeof(CloudflareEnvelope<CloudflareRegionalHostname>))]
[JsonSerializable(typeof(CloudflareEnvelope<JsonElement>))]
[JsonSerializable(typeof(CloudflareBatchRequest))]
[JsonSerializable(typeof(CloudflareCustomHostnameRequest))]
[JsonSerializable(typeof(CloudflareRegionalHostname))]
public sealed partial class CloudflareJsonContext : JsonSerializerContext
{
}

using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Webhook.Json;

/// <summary>
/// Source-generated readers of the webhook bodies. Member names match case-insensitively, as Go's decoder does
/// (upstream's server accepts <c>"Create"</c> for <c>"create"</c>); unknown members are ignored.
/// </summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(List<WireEndpoint?>))]
[JsonSerializable(typeof(WireChanges))]
[JsonSerializable(typeof(WireDomainFilter))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext
{
}

using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Cloudflare.Api;

/// <summary>A zone's plan. <c>legacy_id</c> is <c>free</c>, <c>pro</c>, <c>business</c> or <c>enterprise</c>.</summary>
public sealed class CloudflareZonePlan
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("legacy_id")]
    public string? LegacyId { get; set; }

    [JsonPropertyName("is_subscribed")]
    public bool IsSubscribed { get; set; }

    /// <summary>A zone on the Free plan: 100-character comments, 200 operations per batch. Unknown plans count as free.</summary>
    [JsonIgnore]
    public bool IsFree => LegacyId is null or "free" || (Name?.StartsWith("Free", StringComparison.OrdinalIgnoreCase) ?? false);

    [JsonIgnore]
    public bool IsEnterprise => LegacyId == "enterprise";
}

using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Webhook.Json;

/// <summary>
/// Upstream's serialised <c>DomainFilter</c>: a list filter <c>{"include":[…],"exclude":[…]}</c> or a regex filter
/// <c>{"regexInclude":"…","regexExclude":"…"}</c>, never both.
/// </summary>
internal sealed class WireDomainFilter
{
    [JsonPropertyName("include")]
    public List<string?>? Include { get; set; }

    [JsonPropertyName("exclude")]
    public List<string?>? Exclude { get; set; }

    [JsonPropertyName("regexInclude")]
    public string? RegexInclude { get; set; }

    [JsonPropertyName("regexExclude")]
    public string? RegexExclude { get; set; }
}

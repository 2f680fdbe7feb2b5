using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Webhook;

/// <summary>What <see cref="WebhookTestServer"/> negotiates and how it adjusts endpoints.</summary>
public sealed class WebhookTestServerOptions
{
    /// <summary>The domain filter's list shape (<c>include</c>); ignored when a regex is set.</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>When set (or <see cref="RegexExclude"/>), the domain filter is sent in its regex shape.</summary>
    public string? RegexInclude { get; init; }

    public string? RegexExclude { get; init; }

    /// <summary>
    /// <c>POST /adjustendpoints</c>: called on each endpoint object; returns the adjusted object, or null to drop it.
    /// Null (the default) answers the endpoints unchanged.
    /// </summary>
    public Func<JsonObject, JsonObject?>? Adjust { get; init; }

    /// <summary>Largest request body accepted (413 beyond); 0 for no limit.</summary>
    public long MaxRequestBodySize { get; init; } = 32L << 20;
}

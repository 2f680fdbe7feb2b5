namespace ExternalDns.Composition;

/// <summary>How the command runs: once or in a loop, what it prints, where it serves metrics, how it logs.</summary>
public sealed class RunOptions
{
    /// <summary><c>--once</c>: one reconcile, then exit.</summary>
    public bool Once { get; init; }

    /// <summary><c>--dry-run</c>: plan and print, never write.</summary>
    public bool DryRun { get; init; }

    /// <summary><c>--events</c>: reconcile when a watched object changes, besides every interval.</summary>
    public bool Events { get; init; }

    /// <summary><c>--plan-format</c>: <c>table</c> or <c>json</c>.</summary>
    public string PlanFormat { get; init; } = "table";

    /// <summary><c>--metrics-address</c>; empty = no server.</summary>
    public string MetricsAddress { get; init; } = ":7979";

    /// <summary><c>--log-level</c> as upstream spells it.</summary>
    public string LogLevel { get; init; } = "info";

    /// <summary><c>--log-format</c>: <c>text</c> or <c>json</c>.</summary>
    public bool JsonLogs { get; init; }

    /// <summary><c>--webhook-server</c>: serve the provider over the webhook protocol instead of reconciling.</summary>
    public bool WebhookServer { get; init; }
}

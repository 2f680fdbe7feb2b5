namespace ExternalDns.Kubernetes.Client;

/// <summary>Query parameters of a watch call.</summary>
public sealed class WatchOptions
{
    public string? LabelSelector { get; init; }

    public string? FieldSelector { get; init; }

    /// <summary>Resource version to start from (normally the list's or the last event's).</summary>
    public string? ResourceVersion { get; init; }

    public bool AllowWatchBookmarks { get; init; } = true;

    /// <summary>Server-side <c>timeoutSeconds</c>; the server ends the stream cleanly after it. Null = server default.</summary>
    public int? TimeoutSeconds { get; init; }
}

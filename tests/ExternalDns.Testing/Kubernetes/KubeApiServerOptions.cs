namespace ExternalDns.Testing.Kubernetes;

/// <summary>Settings of <see cref="KubeApiServer"/>.</summary>
public sealed class KubeApiServerOptions
{
    /// <summary>The bearer token clients must send; a random one when null.</summary>
    public string? Token { get; set; }

    /// <summary>How many changes the watch history keeps; a watch (or continue token) from before the oldest kept
    /// change gets 410 Expired.</summary>
    public int WatchHistoryCapacity { get; set; } = 1000;

    /// <summary>How often watches with <c>allowWatchBookmarks=true</c> get a BOOKMARK (the real server: about a
    /// minute); <see cref="Timeout.InfiniteTimeSpan"/> for never (then only <see cref="KubeApiServer.SendBookmarks"/>).</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a watch without <c>timeoutSeconds</c> stays open.</summary>
    public TimeSpan DefaultWatchTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The version <c>/version</c> reports.</summary>
    public string ServerVersion { get; set; } = "v1.32.0";

    /// <summary>Creates the namespaces default, kube-system, kube-public and kube-node-lease at start.</summary>
    public bool SeedDefaultNamespaces { get; set; } = true;

    /// <summary>The resource types served; <see cref="KubeResourceCatalog.CreateDefault"/> when null.</summary>
    public KubeResourceCatalog? Resources { get; set; }

    /// <summary>Clock for timestamps, ages, delays and watch timeouts.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

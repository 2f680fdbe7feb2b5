namespace ExternalDns.Kubernetes.Client;

/// <summary>What an <see cref="Informer{TObject, TCached}"/> watches and how it backs off.</summary>
public sealed class InformerOptions
{
    /// <summary>Namespace to watch; null or empty = all namespaces (or a cluster-scoped resource).</summary>
    public string? Namespace { get; init; }

    public string? LabelSelector { get; init; }

    public string? FieldSelector { get; init; }

    /// <summary>
    /// List page size (<c>limit</c>; <c>--kube-api-list-page-size</c>). Pages are decoded as they stream in, so the page
    /// size no longer moves the memory peak; 2,000 keeps a 10k + 10k cluster's first lists near the default client burst
    /// instead of 43 requests paced at <c>--kube-api-qps</c> (docs/benchmarks-kubernetes.md).
    /// </summary>
    public int PageSize { get; init; } = 2000;

    /// <summary>
    /// Server-side watch timeout: each watch asks for a random <c>timeoutSeconds</c> between this and twice this (as
    /// client-go does), then resumes from the last resource version.
    /// </summary>
    public TimeSpan MinWatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>First delay after a failure; doubles per consecutive failure up to <see cref="MaxBackoff"/>, plus up to 100 % jitter.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(800);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>After this many consecutive failures to start a watch, the informer relists instead.</summary>
    public int WatchFailuresBeforeRelist { get; init; } = 3;
}

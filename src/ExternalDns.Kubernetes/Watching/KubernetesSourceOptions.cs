namespace ExternalDns.Kubernetes.Watching;

/// <summary>Which objects the live Kubernetes source watches (from <c>--source</c>, <c>--namespace</c>, the filters).</summary>
public sealed class KubernetesSourceOptions
{
    /// <summary><c>--source=service</c>: Services, plus Nodes (NodePort) and EndpointSlices and Pods (headless) as needed.</summary>
    public bool Services { get; init; }

    /// <summary><c>--source=ingress</c>.</summary>
    public bool Ingresses { get; init; }

    /// <summary><c>--source=crd</c>: DNSEndpoint objects (externaldns.k8s.io/v1alpha1).</summary>
    public bool DnsEndpoints { get; init; }

    /// <summary>
    /// <c>--source=node</c>: Nodes, published themselves (the mapping needs <c>MappingOptions.PublishNodes</c> too).
    /// Nodes are cluster-scoped: <c>--namespace</c> does not apply, and <c>--label-filter</c> is applied by the mapping,
    /// not sent to the API server, because the same cache serves NodePort services, which need every node.
    /// </summary>
    public bool Nodes { get; init; }

    /// <summary><c>--namespace</c>: empty for all namespaces.</summary>
    public string Namespace { get; init; } = string.Empty;

    /// <summary><c>--label-filter</c>, also sent to the API server so unwanted objects never reach the cache.</summary>
    public string LabelSelector { get; init; } = string.Empty;

    /// <summary><c>--service-type-filter</c>: empty for all types. Without NodePort no Nodes are watched; without ClusterIP no EndpointSlices or Pods.</summary>
    public IReadOnlyList<string> ServiceTypes { get; init; } = [];

    /// <summary>How long the first reconcile waits for the caches to fill before it is skipped.</summary>
    public TimeSpan InitialSyncTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public bool WatchesServiceType(string type) => ServiceTypes.Count == 0 || ServiceTypes.Contains(type, StringComparer.Ordinal);
}

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

    /// <summary>
    /// <c>--source=gateway-httproute</c>, <c>gateway-grpcroute</c>, <c>gateway-tlsroute</c>, <c>gateway-tcproute</c>,
    /// <c>gateway-udproute</c>: the route kinds watched (with Gateways, Namespaces and, with
    /// <see cref="GatewayListenerSets"/>, ListenerSets).
    /// </summary>
    public IReadOnlyCollection<string> GatewayRouteSources { get; init; } = [];

    /// <summary><c>--gateway-namespace</c>: only Gateways of this namespace are watched.</summary>
    public string GatewayNamespace { get; init; } = string.Empty;

    /// <summary><c>--gateway-label-filter</c>, sent to the API server with the Gateway list and watch.</summary>
    public string GatewayLabelSelector { get; init; } = string.Empty;

    /// <summary><c>--gateway-listener-sets</c>.</summary>
    public bool GatewayListenerSets { get; init; }

    /// <summary><c>--source=traefik-proxy</c>.</summary>
    public bool Traefik { get; init; }

    /// <summary><c>--traefik-enable-legacy</c>: also the <c>traefik.containo.us</c> group.</summary>
    public bool TraefikEnableLegacy { get; init; }

    /// <summary><c>--traefik-disable-new</c>: not the <c>traefik.io</c> group.</summary>
    public bool TraefikDisableNew { get; init; }

    /// <summary><c>--source=istio-gateway</c>: Istio Gateways, plus Services and Ingresses (unfiltered) for their targets.</summary>
    public bool IstioGateways { get; init; }

    /// <summary><c>--source=istio-virtualservice</c>: VirtualServices, Istio Gateways, Services and Ingresses.</summary>
    public bool IstioVirtualServices { get; init; }

    /// <summary><c>--source=contour-httpproxy</c>.</summary>
    public bool ContourHttpProxies { get; init; }

    /// <summary><c>--source=pod</c>: Pods (published; the mapping needs <c>MappingOptions.PublishPods</c> too) and Nodes.</summary>
    public bool Pods { get; init; }

    /// <summary><c>--namespace</c>: empty for all namespaces.</summary>
    public string Namespace { get; init; } = string.Empty;

    /// <summary><c>--label-filter</c>, also sent to the API server so unwanted objects never reach the cache.</summary>
    public string LabelSelector { get; init; } = string.Empty;

    /// <summary><c>--service-type-filter</c>: empty for all types. Without NodePort no Nodes are watched; without ClusterIP no EndpointSlices or Pods.</summary>
    public IReadOnlyList<string> ServiceTypes { get; init; } = [];

    /// <summary>How long the first reconcile waits for the caches to fill before it is skipped.</summary>
    public TimeSpan InitialSyncTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// <c>--events</c>: passes follow watch events, so the source keeps its merged result per DNS name between passes and
    /// merges only the names changed objects contribute to (<see cref="Sources.KubernetesMapper.Incremental"/>). Without
    /// events a pass runs once per <c>--interval</c> and the kept result would only cost memory (about 14 MiB at 20,000
    /// objects), so every pass merges afresh.
    /// </summary>
    public bool IncrementalMerge { get; init; }

    /// <summary>Informer settings (backoff) for tests; null = defaults.</summary>
    public Client.InformerOptions? InformerDefaults { get; init; }

    public bool WatchesServiceType(string type) => ServiceTypes.Count == 0 || ServiceTypes.Contains(type, StringComparer.Ordinal);
}

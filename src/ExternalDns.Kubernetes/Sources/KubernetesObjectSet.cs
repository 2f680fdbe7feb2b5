using ExternalDns.Kubernetes.Models;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>
/// A snapshot of the objects the sources read: what the manifest source loads from files, and what the live sources
/// will read from their object cache. Lookups (node by name, EndpointSlices by service, pods by selector) are indexed
/// on first use; do not change the lists after that.
/// </summary>
public sealed class KubernetesObjectSet
{
    private Dictionary<string, Node>? _nodes;
    private Dictionary<(string Namespace, string Service), List<EndpointSlice>>? _slices;
    private Dictionary<string, List<Pod>>? _pods;
    private readonly List<Node> _nodeList = [];
    private readonly List<EndpointSlice> _sliceList = [];
    private readonly List<Pod> _podList = [];

    public List<Service> Services { get; } = [];

    public List<Ingress> Ingresses { get; } = [];

    public List<DnsEndpoint> DnsEndpoints { get; } = [];

    public List<Node> Nodes
    {
        get
        {
            DependencyReads++;
            return _nodeList;
        }
    }

    public List<EndpointSlice> EndpointSlices
    {
        get
        {
            DependencyReads++;
            return _sliceList;
        }
    }

    public List<Pod> Pods
    {
        get
        {
            DependencyReads++;
            return _podList;
        }
    }

    /// <summary>Namespaces: their labels decide Gateway API <c>allowedRoutes</c> and <c>allowedListeners</c> selectors.</summary>
    public List<KubeNamespace> Namespaces { get; } = [];

    /// <summary>Gateway API Gateways (routes attach to them).</summary>
    public List<Gateway> Gateways { get; } = [];

    /// <summary>Gateway API ListenerSets (with <c>--gateway-listener-sets</c>).</summary>
    public List<ListenerSet> ListenerSets { get; } = [];

    /// <summary>HTTPRoutes, GRPCRoutes, TLSRoutes, TCPRoutes and UDPRoutes (each with its <c>kind</c> set).</summary>
    public List<GatewayRoute> GatewayRoutes { get; } = [];

    /// <summary>Traefik IngressRoutes, IngressRouteTCPs and IngressRouteUDPs of both API groups (kind and apiVersion set).</summary>
    public List<TraefikIngressRoute> TraefikRoutes { get; } = [];

    public List<IstioGateway> IstioGateways { get; } = [];

    public List<VirtualService> VirtualServices { get; } = [];

    public List<HttpProxy> HttpProxies { get; } = [];

    /// <summary>
    /// Counts reads of the objects other objects' mappings depend on (Nodes, EndpointSlices, Pods, and the lookups
    /// over them): the incremental mapping tells an object whose mapping read them from one whose mapping did not.
    /// </summary>
    internal int DependencyReads { get; set; }

    /// <summary>The Nodes, EndpointSlices and Pods of this snapshot, without counting as a read.</summary>
    internal IEnumerable<object> DependencyObjects => _nodeList.Cast<object>().Concat(_sliceList).Concat(_podList);

    public Node? FindNode(string? name)
    {
        DependencyReads++;
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        _nodes ??= _nodeList.GroupBy(n => n.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        return _nodes.GetValueOrDefault(name);
    }

    /// <summary>The EndpointSlices labelled <c>kubernetes.io/service-name=&lt;service&gt;</c> in the service's namespace.</summary>
    public IReadOnlyList<EndpointSlice> EndpointSlicesFor(string @namespace, string service)
    {
        DependencyReads++;
        _slices ??= _sliceList
            .Where(s => s.Labels.TryGetValue(EndpointSlice.ServiceNameLabel, out var n) && n.Length > 0)
            .GroupBy(s => (s.Namespace, s.Labels[EndpointSlice.ServiceNameLabel]))
            .ToDictionary(g => g.Key, g => g.ToList());
        return _slices.TryGetValue((@namespace, service), out var list) ? list : [];
    }

    /// <summary>The pods of a namespace whose labels match <paramref name="selector"/>.</summary>
    public IEnumerable<Pod> PodsFor(string @namespace, LabelSelector selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        DependencyReads++;
        _pods ??= _podList.GroupBy(p => p.Namespace, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return _pods.TryGetValue(@namespace, out var list) ? list.Where(p => selector.Matches(p.Labels)) : [];
    }
}

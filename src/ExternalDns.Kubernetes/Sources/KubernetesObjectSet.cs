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

    public List<Service> Services { get; } = [];

    public List<Ingress> Ingresses { get; } = [];

    public List<DnsEndpoint> DnsEndpoints { get; } = [];

    public List<Node> Nodes { get; } = [];

    public List<EndpointSlice> EndpointSlices { get; } = [];

    public List<Pod> Pods { get; } = [];

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

    public Node? FindNode(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        _nodes ??= Nodes.GroupBy(n => n.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        return _nodes.GetValueOrDefault(name);
    }

    /// <summary>The EndpointSlices labelled <c>kubernetes.io/service-name=&lt;service&gt;</c> in the service's namespace.</summary>
    public IReadOnlyList<EndpointSlice> EndpointSlicesFor(string @namespace, string service)
    {
        _slices ??= EndpointSlices
            .Where(s => s.Labels.TryGetValue(EndpointSlice.ServiceNameLabel, out var n) && n.Length > 0)
            .GroupBy(s => (s.Namespace, s.Labels[EndpointSlice.ServiceNameLabel]))
            .ToDictionary(g => g.Key, g => g.ToList());
        return _slices.TryGetValue((@namespace, service), out var list) ? list : [];
    }

    /// <summary>The pods of a namespace whose labels match <paramref name="selector"/>.</summary>
    public IEnumerable<Pod> PodsFor(string @namespace, LabelSelector selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        _pods ??= Pods.GroupBy(p => p.Namespace, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return _pods.TryGetValue(@namespace, out var list) ? list.Where(p => selector.Matches(p.Labels)) : [];
    }
}

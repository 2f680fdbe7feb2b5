using ExternalDns.Kubernetes.Client;

namespace ExternalDns.Kubernetes.Watching;

/// <summary>Every kind the live sources watch: one generic informer path serves them all (no client per kind).</summary>
public static class KubeKinds
{
    public const string GatewayGroup = "gateway.networking.k8s.io";
    public const string TraefikGroup = "traefik.io";
    public const string TraefikLegacyGroup = "traefik.containo.us";
    public const string IstioGroup = "networking.istio.io";
    public const string ContourGroup = "projectcontour.io";

    public static readonly KubeKind Services = new("Service", KubeResource.Services);
    public static readonly KubeKind Ingresses = new("Ingress", KubeResource.Ingresses);
    public static readonly KubeKind DnsEndpoints = new("DNSEndpoint", new("externaldns.k8s.io", "v1alpha1", "dnsendpoints", true));
    public static readonly KubeKind Nodes = new("Node", KubeResource.Nodes);
    public static readonly KubeKind EndpointSlices = new("EndpointSlice", KubeResource.EndpointSlices);
    public static readonly KubeKind Pods = new("Pod", KubeResource.Pods);
    public static readonly KubeKind Namespaces = new("Namespace", KubeResource.Namespaces);

    public static readonly KubeKind Gateways = new("Gateway", new(GatewayGroup, "v1", "gateways", true));
    public static readonly KubeKind ListenerSets = new("ListenerSet", new(GatewayGroup, "v1", "listenersets", true));
    public static readonly KubeKind HttpRoutes = new("HTTPRoute", new(GatewayGroup, "v1", "httproutes", true));
    public static readonly KubeKind GrpcRoutes = new("GRPCRoute", new(GatewayGroup, "v1", "grpcroutes", true));
    public static readonly KubeKind TlsRoutes = new("TLSRoute", new(GatewayGroup, "v1", "tlsroutes", true));
    public static readonly KubeKind TcpRoutes = new("TCPRoute", new(GatewayGroup, "v1alpha2", "tcproutes", true));
    public static readonly KubeKind UdpRoutes = new("UDPRoute", new(GatewayGroup, "v1alpha2", "udproutes", true));

    public static readonly KubeKind IngressRoutes = new("IngressRoute", new(TraefikGroup, "v1alpha1", "ingressroutes", true));
    public static readonly KubeKind IngressRouteTcps = new("IngressRouteTCP", new(TraefikGroup, "v1alpha1", "ingressroutetcps", true));
    public static readonly KubeKind IngressRouteUdps = new("IngressRouteUDP", new(TraefikGroup, "v1alpha1", "ingressrouteudps", true));
    public static readonly KubeKind LegacyIngressRoutes = new("IngressRoute", new(TraefikLegacyGroup, "v1alpha1", "ingressroutes", true));
    public static readonly KubeKind LegacyIngressRouteTcps = new("IngressRouteTCP", new(TraefikLegacyGroup, "v1alpha1", "ingressroutetcps", true));
    public static readonly KubeKind LegacyIngressRouteUdps = new("IngressRouteUDP", new(TraefikLegacyGroup, "v1alpha1", "ingressrouteudps", true));

    public static readonly KubeKind IstioGateways = new("Gateway", new(IstioGroup, "v1", "gateways", true));
    public static readonly KubeKind VirtualServices = new("VirtualService", new(IstioGroup, "v1", "virtualservices", true));

    public static readonly KubeKind HttpProxies = new("HTTPProxy", new(ContourGroup, "v1", "httpproxies", true));

    /// <summary>The route kinds by <c>--source</c> name.</summary>
    public static readonly IReadOnlyDictionary<string, KubeKind> GatewayRoutesBySource = new Dictionary<string, KubeKind>(StringComparer.Ordinal)
    {
        ["gateway-httproute"] = HttpRoutes,
        ["gateway-grpcroute"] = GrpcRoutes,
        ["gateway-tlsroute"] = TlsRoutes,
        ["gateway-tcproute"] = TcpRoutes,
        ["gateway-udproute"] = UdpRoutes,
    };
}

namespace ExternalDns.Kubernetes.Watching;

/// <summary>
/// What each source needs from the API server, as data: the ClusterRole rules per <c>--source</c> name, and the rules
/// the controller itself needs (Events, the leader election Lease). deploy/base/rbac.yaml is generated from this table by
/// <c>external-dns --generate-rbac</c>; a test checks that every request a live source makes is covered by its rules.
/// </summary>
public static class SourceRbac
{
    private static readonly RbacRule[] GatewayCommon = [RbacRule.Reads(KubeKinds.Gateways), RbacRule.Reads(KubeKinds.ListenerSets), RbacRule.Reads(KubeKinds.Namespaces)];
    private static readonly RbacRule[] IstioCommon = [RbacRule.Reads(KubeKinds.IstioGateways), RbacRule.Reads(KubeKinds.Services), RbacRule.Reads(KubeKinds.Ingresses)];

    /// <summary>The rules of each live source (<c>--source</c> name). ListenerSets are listed for the Gateway API sources although only <c>--gateway-listener-sets</c> reads them.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<RbacRule>> BySource { get; } = new Dictionary<string, IReadOnlyList<RbacRule>>(StringComparer.Ordinal)
    {
        ["service"] = [RbacRule.Reads(KubeKinds.Services), RbacRule.Reads(KubeKinds.EndpointSlices), RbacRule.Reads(KubeKinds.Pods), RbacRule.Reads(KubeKinds.Nodes)],
        ["ingress"] = [RbacRule.Reads(KubeKinds.Ingresses)],
        ["crd"] = [RbacRule.Reads(KubeKinds.DnsEndpoints), new(KubeKinds.DnsEndpoints.Resource.Group, "dnsendpoints/status", ["get", "patch", "update"])],
        ["node"] = [RbacRule.Reads(KubeKinds.Nodes)],
        ["gateway-httproute"] = [.. GatewayCommon, RbacRule.Reads(KubeKinds.HttpRoutes)],
        ["gateway-grpcroute"] = [.. GatewayCommon, RbacRule.Reads(KubeKinds.GrpcRoutes)],
        ["gateway-tlsroute"] = [.. GatewayCommon, RbacRule.Reads(KubeKinds.TlsRoutes)],
        ["gateway-tcproute"] = [.. GatewayCommon, RbacRule.Reads(KubeKinds.TcpRoutes)],
        ["gateway-udproute"] = [.. GatewayCommon, RbacRule.Reads(KubeKinds.UdpRoutes)],
        ["traefik-proxy"] =
        [
            RbacRule.Reads(KubeKinds.IngressRoutes), RbacRule.Reads(KubeKinds.IngressRouteTcps), RbacRule.Reads(KubeKinds.IngressRouteUdps),
            RbacRule.Reads(KubeKinds.LegacyIngressRoutes), RbacRule.Reads(KubeKinds.LegacyIngressRouteTcps), RbacRule.Reads(KubeKinds.LegacyIngressRouteUdps),
        ],
        ["istio-gateway"] = IstioCommon,
        ["istio-virtualservice"] = [.. IstioCommon, RbacRule.Reads(KubeKinds.VirtualServices)],
        ["contour-httpproxy"] = [RbacRule.Reads(KubeKinds.HttpProxies)],
        ["pod"] = [RbacRule.Reads(KubeKinds.Pods), RbacRule.Reads(KubeKinds.Nodes)],
    };

    /// <summary>What the controller needs whatever the sources: Events (<c>--kubernetes-events</c>) and the Lease (<c>--leader-elect</c>).</summary>
    public static IReadOnlyList<RbacRule> Controller { get; } =
    [
        new(string.Empty, "events", ["create", "patch"]),
        new("coordination.k8s.io", "leases", ["get", "create", "update"]),
    ];

    /// <summary>The union of the rules of <paramref name="sources"/> (unknown names, such as <c>manifest</c>, need none), merged per group and resource, sorted.</summary>
    public static IReadOnlyList<RbacRule> For(IEnumerable<string> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var merged = new SortedDictionary<(string Group, string Resource), SortedSet<string>>();
        foreach (var rule in sources.SelectMany(s => BySource.TryGetValue(s, out var rules) ? rules : []))
        {
            if (!merged.TryGetValue((rule.ApiGroup, rule.Resource), out var verbs))
            {
                merged[(rule.ApiGroup, rule.Resource)] = verbs = new SortedSet<string>(StringComparer.Ordinal);
            }

            verbs.UnionWith(rule.Verbs);
        }

        return [.. merged.Select(p => new RbacRule(p.Key.Group, p.Key.Resource, [.. p.Value]))];
    }
}

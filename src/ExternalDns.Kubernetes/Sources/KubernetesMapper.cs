using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Sources;
using ExternalDns.Kubernetes.Models;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>
/// Maps a snapshot of objects to the desired endpoints: the service, ingress and crd sources (and the node source when
/// <see cref="MappingOptions.PublishNodes"/> is set), the Gateway API route, traefik-proxy, istio-gateway,
/// istio-virtualservice and contour-httpproxy sources, and the pod source with <see cref="MappingOptions.PublishPods"/>;
/// then upstream's
/// source-level merging (<c>MergeEndpoints</c>), <c>--default-targets</c> (upstream multiSource) and dedup
/// (upstream dedupSource). Pure: the same snapshot and options always give the same output, sorted by name, type
/// and set identifier.
/// <para>
/// <b>Unresolved or fewer endpoints?</b> Dropping an invalid value never deletes an existing record, because an
/// invalid value can never have been written to DNS: an invalid hostname, an invalid target among valid ones, a bad
/// TTL (the default TTL is used, as upstream) or a bad alias value are dropped with a warning and the object stays
/// <i>resolved</i>. An object is <i>unresolved</i> — its resource label goes to
/// <c>SourceResult.UnresolvedResources</c> and the planner neither changes nor deletes the records it owns — when
/// bad input leaves a valid name without the records the user asked for: a <c>target</c> annotation with no valid
/// target, an invalid <c>set-identifier</c>, an unknown <c>ingress-hostname-source</c>, a failing
/// <c>--fqdn-template</c>, a DNSEndpoint entry with an unknown record type or targets that do not fit it, an
/// endpoint left without targets, a node without an address (upstream fails the whole node source), or an object that
/// cannot be read at all.
/// </para>
/// </summary>
public sealed class KubernetesMapper
{
    private readonly MappingSettings _settings;
    private readonly ServiceMapper _services;
    private readonly IngressMapper _ingresses;
    private readonly DnsEndpointMapper _dnsEndpoints;
    private readonly NodeMapper _nodes;
    private readonly GatewayRouteMapper _gatewayRoutes;
    private readonly TraefikMapper _traefik;
    private readonly IstioGatewayMapper _istioGateways;
    private readonly VirtualServiceMapper _virtualServices;
    private readonly HttpProxyMapper _httpProxies;
    private readonly PodMapper _pods;
    private readonly MappingMemo _memo = new();
    private readonly Lock _memoLock = new();
    private MergedNames? _merged;

    // This pass's Service, Ingress and DNSEndpoint mappings in snapshot order (kept to reuse its storage).
    private readonly List<(int Category, KubeObject Object, ObjectMapping Mapping)> _contributions = [];

    public KubernetesMapper(MappingSettings settings)
    {
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _services = new ServiceMapper(settings);
        _ingresses = new IngressMapper(settings);
        _dnsEndpoints = new DnsEndpointMapper(settings);
        _nodes = new NodeMapper(settings);
        _gatewayRoutes = new GatewayRouteMapper(settings);
        _traefik = new TraefikMapper(settings);
        _istioGateways = new IstioGatewayMapper(settings);
        _virtualServices = new VirtualServiceMapper(settings);
        _httpProxies = new HttpProxyMapper(settings);
        _pods = new PodMapper(settings);
    }

    /// <summary>Services, Ingresses and DNSEndpoints whose mapping the last <see cref="Map"/> reused from the one before.</summary>
    public int LastReusedMappings { get; private set; }

    /// <summary>Services, Ingresses and DNSEndpoints the last <see cref="Map"/> mapped afresh.</summary>
    public int LastComputedMappings { get; private set; }

    /// <summary>
    /// True (the default): when only the memoized sources (services, ingresses, DNSEndpoints) contribute, the
    /// source-level result is kept between passes and only the DNS names the changed objects contribute to are merged,
    /// defaulted, deduplicated and sorted again (see <see cref="MergedNames"/>). False: every pass redoes it over all
    /// endpoints (the reference the incremental result is tested against).
    /// </summary>
    public bool Incremental { get; init; } = true;

    /// <summary>DNS names the last <see cref="Map"/> merged again (all of them on a first pass); -1 when it redid the whole view.</summary>
    public int LastRecomputedNames { get; private set; }

    public MappingOutput Map(KubernetesObjectSet objects)
    {
        ArgumentNullException.ThrowIfNull(objects);

        // Incremental: the memo reuses the mappings of unchanged Services, Ingresses and DNSEndpoints (see MappingMemo).
        lock (_memoLock)
        {
            _memo.BeginPass(objects);
            try
            {
                return MapAll(objects);
            }
            finally
            {
                _memo.EndPass();
                LastReusedMappings = _memo.Reused;
                LastComputedMappings = _memo.Computed;
            }
        }
    }

    private MappingOutput MapAll(KubernetesObjectSet objects)
    {
        // The sources whose mappings are not memoized (nodes, routes, proxies, pods), each merged on its own, in order.
        var incomplete = new List<string>();
        var others = new List<List<ObjectMapping>>();
        if (_settings.Options.PublishNodes)
        {
            // Ordered by name so that the node owning a name several nodes share (a template name) does not depend on list order.
            others.Add([.. objects.Nodes.Where(_nodes.Selects).OrderBy(n => n.Name, StringComparer.Ordinal).Select(_nodes.Map)]);
        }

        // Each Gateway API route kind is a source of its own upstream, merged on its own.
        foreach (var group in _gatewayRoutes.MapAll(objects).GroupBy(m => m.Kind.Kind, StringComparer.Ordinal))
        {
            others.Add([.. group.Select(m => m.Mapping)]);
        }

        others.Add([.. Ordered(objects.TraefikRoutes.Where(_traefik.Selects)).Select(_traefik.Map)]);
        others.Add([.. Ordered(objects.IstioGateways.Where(_istioGateways.Selects)).Select(g => _istioGateways.Map(g, objects))]);
        others.Add([.. Ordered(objects.VirtualServices.Where(_virtualServices.Selects)).Select(v => _virtualServices.Map(v, objects))]);
        others.Add([.. Ordered(objects.HttpProxies.Where(_httpProxies.Selects)).Select(_httpProxies.Map)]);
        if (_settings.Options.PublishPods)
        {
            var podMappings = Ordered(objects.Pods.Where(_pods.Selects)).Select(p => _pods.Map(p, objects)).ToList();
            foreach (var broken in podMappings.Where(m => !m.IsResolved))
            {
                // Pod records carry no resource label (as upstream writes them), so they cannot be kept one by one.
                incomplete.Add($"pod {broken.Object.Namespace}/{broken.Object.Name} cannot be mapped (see its warning); no records are deleted until it is fixed");
            }

            others.Add(podMappings);
        }

        if (Incremental && others.TrueForAll(o => o.Count == 0))
        {
            return MapIncremental(objects);
        }

        _merged = null;
        return MapFull(objects, others, incomplete);
    }

    /// <summary>
    /// The pass over the memoized sources alone (services, ingresses, DNSEndpoints): the source-level result is kept per
    /// DNS name (<see cref="MergedNames"/>) and only the names the changed objects contribute to are recomputed.
    /// </summary>
    private MappingOutput MapIncremental(KubernetesObjectSet objects)
    {
        var fresh = _merged is null;
        var merged = _merged ??= new MergedNames();
        var contributions = _contributions;
        contributions.Clear();
        var dirty = new HashSet<string>(StringComparer.Ordinal);
        var positions = new Dictionary<KubeObject, int>(ReferenceEqualityComparer.Instance);
        void AddNames(ObjectMapping m)
        {
            foreach (var e in m.Endpoints)
            {
                dirty.Add(e.DnsName);
            }
        }

        void Add(int category, KubeObject obj, ObjectMapping mapping, bool computed, ObjectMapping? replaced)
        {
            if (computed && !fresh)
            {
                AddNames(mapping);
                if (replaced is not null)
                {
                    AddNames(replaced);
                }
            }

            if (!fresh && merged.NeedsPosition(obj))
            {
                positions[obj] = contributions.Count;
            }

            contributions.Add((category, obj, mapping));
        }

        // TryReuse/Store rather than a delegate per object: most objects are reused, and a closure each is garbage (the
        // two delegates per kind below are made once per pass).
        void MapKind<T>(string source, int category, List<T> items, Func<T, bool> selects, Func<T, ObjectMapping> map)
            where T : KubeObject
        {
            if (!_settings.Publishes(source))
            {
                return;
            }

            foreach (var obj in items)
            {
                if (!selects(obj))
                {
                    continue;
                }

                var computed = !_memo.TryReuse(obj, objects, out var mapping, out var replaced);
                if (computed)
                {
                    mapping = map(obj);
                    _memo.Store(obj, objects, mapping);
                }

                Add(category, obj, mapping, computed, replaced);
            }
        }

        MapKind("service", 0, objects.Services, _services.Selects, s => _services.Map(s, objects));
        MapKind("ingress", 1, objects.Ingresses, _ingresses.Selects, _ingresses.Map);
        MapKind("crd", 2, objects.DnsEndpoints, _dnsEndpoints.Selects, DnsEndpointMapper.Map);

        if (!fresh)
        {
            foreach (var gone in _memo.Dropped())
            {
                AddNames(gone);
            }
        }

        var defaults = _settings.Options.DefaultTargets;
        var force = _settings.Options.ForceDefaultTargets;
        merged.Update(contributions, fresh ? null : dirty, positions, list => ApplyDefaultTargets(list, defaults, force));
        LastRecomputedNames = merged.LastRecomputed;

        // The per-object findings, in snapshot order (as the full pass collects them), then the per-name ones.
        var findings = new Findings();
        foreach (var (_, _, m) in contributions)
        {
            findings.Add(m);
        }

        merged.AddFindings(findings.Warnings, findings.Unresolved, findings.Invalid, findings.Deduplicated);
        return findings.Output(merged.Endpoints(), []);
    }

    private MappingOutput MapFull(KubernetesObjectSet objects, List<List<ObjectMapping>> others, List<string> incomplete)
    {
        LastRecomputedNames = -1;
        var findings = new Findings();

        List<Endpoint> Collect(IEnumerable<ObjectMapping> mappings)
        {
            var list = new List<Endpoint>();
            foreach (var m in mappings)
            {
                findings.Add(m);
                list.AddRange(m.Endpoints);
            }

            return list;
        }

        var serviceEndpoints = _settings.Publishes("service") ? Collect(objects.Services.Where(_services.Selects).Select(s => _memo.Map(s, objects, () => _services.Map(s, objects)))) : [];
        var ingressEndpoints = _settings.Publishes("ingress") ? Collect(objects.Ingresses.Where(_ingresses.Selects).Select(i => _memo.Map(i, objects, () => _ingresses.Map(i)))) : [];
        var crdEndpoints = _settings.Publishes("crd") ? Collect(objects.DnsEndpoints.Where(_dnsEndpoints.Selects).Select(d => _memo.Map(d, objects, () => DnsEndpointMapper.Map(d)))) : [];
        var otherEndpoints = others.ConvertAll(Collect);

        var all = new List<Endpoint>();
        all.AddRange(EndpointMerger.MergeEndpoints(EndpointMerger.MergeServiceEndpoints(serviceEndpoints)));
        all.AddRange(EndpointMerger.MergeEndpoints(ingressEndpoints));
        all.AddRange(EndpointMerger.MergeEndpoints(crdEndpoints));
        foreach (var endpoints in otherEndpoints)
        {
            all.AddRange(EndpointMerger.MergeEndpoints(endpoints));
        }

        all = ApplyDefaultTargets(all, _settings.Options.DefaultTargets, _settings.Options.ForceDefaultTargets);
        var result = Deduplicate(all, findings.Warnings, findings.Unresolved, findings.Invalid, findings.Deduplicated);
        result.Sort(EndpointOrder);
        return findings.Output(result, incomplete);
    }

    /// <summary>What a pass found besides endpoints: warnings, notices, unresolved objects, invalid and duplicate counts.</summary>
    private sealed class Findings
    {
        public List<MappingWarning> Warnings { get; } = [];

        public List<MappingWarning> Notices { get; } = [];

        public HashSet<string> Unresolved { get; } = new(StringComparer.Ordinal);

        public EndpointTally Invalid { get; } = new();

        public EndpointTally Deduplicated { get; } = new();

        /// <summary>One object's findings.</summary>
        public void Add(ObjectMapping m)
        {
            foreach (var type in m.InvalidRecordTypes)
            {
                Invalid.Add(type, SourceTypes.FromResource(m.Object.ResourceLabel));
            }

            Warnings.AddRange(m.Warnings);
            Notices.AddRange(m.Notices);
            if (!m.IsResolved)
            {
                Unresolved.Add(m.Object.ResourceLabel);
            }
        }

        public MappingOutput Output(List<Endpoint> endpoints, List<string> incomplete) => new(endpoints, Warnings, Unresolved)
        {
            Notices = Notices,
            IncompleteReasons = incomplete,
            InvalidEndpoints = Invalid,
            DeduplicatedEndpoints = Deduplicated,
        };
    }

    private static IEnumerable<T> Ordered<T>(IEnumerable<T> objects)
        where T : Models.KubeObject =>
        objects.OrderBy(o => o.Namespace, StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.Ordinal).ThenBy(o => o.ApiVersion, StringComparer.Ordinal);

    /// <summary>
    /// Upstream multiSource: with default targets, an endpoint without targets (or every endpoint, with
    /// <c>--force-default-targets</c>) is replaced by endpoints for the default targets, typed per target, keeping
    /// TTL, provider-specific properties, set identifier and labels.
    /// </summary>
    public static List<Endpoint> ApplyDefaultTargets(IReadOnlyList<Endpoint> endpoints, IList<string> defaultTargets, bool force)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(defaultTargets);
        if (defaultTargets.Count == 0)
        {
            return [.. endpoints];
        }

        var result = new List<Endpoint>();
        foreach (var ep in endpoints)
        {
            if (!force && ep.Targets.Count > 0)
            {
                result.Add(ep);
                continue;
            }

            foreach (var replaced in CommonAnnotations.EndpointsForHostname(ep.DnsName, [.. defaultTargets], ep.RecordTtl, ep.ProviderSpecificProperties, ep.SetIdentifier, null))
            {
                foreach (var (k, v) in ep.Labels)
                {
                    replaced.Labels[k] = v;
                }

                result.Add(replaced);
            }
        }

        return result;
    }

    /// <summary>Orders endpoints by name, record type, set identifier, then targets.</summary>
    public static int EndpointOrder(Endpoint? a, Endpoint? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null || b is null)
        {
            return a is null ? -1 : 1;
        }

        var c = string.CompareOrdinal(a.DnsName, b.DnsName);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.RecordType, b.RecordType);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(a.SetIdentifier, b.SetIdentifier);
        }

        return c != 0 ? c : string.CompareOrdinal(a.Targets.ToString(), b.Targets.ToString());
    }

    /// <summary>
    /// Upstream dedupSource: an endpoint that fails the record checks (or has no targets) is dropped — its resource
    /// becomes unresolved —, targets are sorted and deduplicated, and an endpoint equal in type, name, set identifier
    /// and targets to an earlier one is dropped.
    /// </summary>
    internal static List<Endpoint> Deduplicate(List<Endpoint> endpoints, List<MappingWarning> warnings, HashSet<string> unresolved, EndpointTally invalid, EndpointTally deduplicated)
    {
        var result = new List<Endpoint>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ep in endpoints)
        {
            var alias = ep.GetProviderSpecific("alias") == "true";
            var problem = ep.Targets.Count == 0
                ? "has no targets (and no --default-targets apply)"
                : DnsEndpointMapper.CheckTargets(ep.RecordType, ep.Targets, alias);
            if (problem is not null)
            {
                var resource = ep.Labels.Resource ?? string.Empty;
                invalid.Add(ep.RecordType, SourceTypes.FromResource(resource));
                warnings.Add(new MappingWarning(ParseResource(resource), $"endpoint {ep.DnsName} {ep.RecordType} {problem}; it is dropped and the resource's existing records are kept"));
                if (resource.Length > 0)
                {
                    unresolved.Add(resource);
                }

                continue;
            }

            var kept = ep;
            var sorted = ep.Targets.AsSortedSet();
            if (!ReferenceEquals(sorted, ep.Targets))
            {
                // A copy: the endpoints are the mapping memo's (handed out again on later passes).
                kept = ep.Clone();
                kept.Targets = sorted;
            }

            var identifier = string.Join('/', kept.RecordType, kept.DnsName, kept.SetIdentifier, kept.Targets.ToString());
            if (seen.Add(identifier))
            {
                result.Add(kept);
            }
            else
            {
                deduplicated.Add(ep.RecordType, SourceTypes.FromResource(ep.Labels.Resource));
            }
        }

        return result;
    }

    private static ResourceRef ParseResource(string label)
    {
        var parts = label.Split('/', 3);
        if (parts.Length == 2 && parts[0] == "node")
        {
            return new ResourceRef("Node", string.Empty, parts[1]);
        }

        if (parts.Length != 3)
        {
            return new ResourceRef("unknown", string.Empty, label);
        }

        var kind = parts[0] switch
        {
            "service" => "Service",
            "ingress" => "Ingress",
            "crd" => "DNSEndpoint",
            "httproute" => "HTTPRoute",
            "grpcroute" => "GRPCRoute",
            "tlsroute" => "TLSRoute",
            "tcproute" => "TCPRoute",
            "udproute" => "UDPRoute",
            "ingressroute" => "IngressRoute",
            "ingressroutetcp" => "IngressRouteTCP",
            "ingressrouteudp" => "IngressRouteUDP",
            "gateway" => "Gateway",
            "virtualservice" => "VirtualService",
            _ => parts[0],
        };
        return new ResourceRef(kind, parts[1], parts[2]);
    }
}

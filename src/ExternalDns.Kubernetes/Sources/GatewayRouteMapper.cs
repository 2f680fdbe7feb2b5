using ExternalDns.Core.Endpoints;
using ExternalDns.Kubernetes.Models;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>
/// Maps Gateway API routes (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute) as upstream's gateway sources
/// (<c>source/gateway.go</c>):
/// <list type="bullet">
/// <item>A route counts for a parent only through a <c>status.parents</c> entry that matches one of its
/// <c>spec.parentRefs</c> (group, kind, namespace and name with their defaults) and has <c>Accepted=True</c>; the
/// parent is a Gateway (filtered by <c>--gateway-namespace</c>, <c>--gateway-label-filter</c>, the controller
/// annotation) or, with <c>--gateway-listener-sets</c>, an accepted ListenerSet the Gateway allows;
/// <c>--gateway-name</c> names the Gateway (a ListenerSet's parent for ListenerSets).</item>
/// <item>The entry's <c>sectionName</c> picks one listener (all when empty), its <c>port</c> narrows them; each
/// listener must accept the route's protocol and namespace (<c>allowedRoutes</c>: Same by default, All, or a Selector
/// on Namespace labels) and kind, and its hostname must intersect a route host (see
/// <see cref="GatewayMatching.MatchingHost"/>); a route without hostnames takes the listener's.</item>
/// <item>Route hosts: <c>spec.hostnames</c> (not for TCP and UDP routes), <c>--fqdn-template</c> names (when there are
/// none, or with <c>--combine-fqdn-annotation</c>), the <c>hostname</c> annotation, narrowed by
/// <c>gateway-hostname-source</c> (<c>annotation-only</c>, <c>defined-hosts-only</c>).</item>
/// <item>Targets: the ListenerSet's, else the Gateway's <c>target</c> annotation, else every
/// <c>status.addresses[].value</c> of the Gateway. TTL, set identifier and provider-specific properties come from the
/// route. The <c>resource</c> label is <c>httproute/&lt;ns&gt;/&lt;name&gt;</c> (grpcroute, tlsroute, tcproute,
/// udproute).</item>
/// </list>
/// </summary>
public sealed class GatewayRouteMapper(MappingSettings settings)
{
    public const string Group = "gateway.networking.k8s.io";
    public const string GatewayKind = "Gateway";
    public const string ListenerSetKind = "ListenerSet";
    public const string AnnotationOnly = "annotation-only";
    public const string DefinedHostsOnly = "defined-hosts-only";

    /// <summary>The route kinds: protocol, whether they have <c>spec.hostnames</c>, API version and source name.</summary>
    public static readonly IReadOnlyDictionary<string, RouteKind> Kinds = new Dictionary<string, RouteKind>(StringComparer.Ordinal)
    {
        ["HTTPRoute"] = new("HTTPRoute", "HTTP", true, Group + "/v1", "gateway-httproute"),
        ["GRPCRoute"] = new("GRPCRoute", "HTTPS", true, Group + "/v1", "gateway-grpcroute"),
        ["TLSRoute"] = new("TLSRoute", "TLS", true, Group + "/v1", "gateway-tlsroute"),
        ["TCPRoute"] = new("TCPRoute", "TCP", false, Group + "/v1alpha2", "gateway-tcproute"),
        ["UDPRoute"] = new("UDPRoute", "UDP", false, Group + "/v1alpha2", "gateway-udproute"),
    };

    private readonly MappingSettings _settings = settings ?? throw new ArgumentNullException(nameof(settings));

    private AnnotationReader Reader => _settings.Annotations;

    /// <summary>A kind of route.</summary>
    public sealed record RouteKind(string Kind, string Protocol, bool HasHostnames, string ApiVersion, string Source);

    /// <summary>The route's kind is known and published, and it passes the namespace, label, annotation and controller filters.</summary>
    public bool Selects(GatewayRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return route.Kind is { } kind && Kinds.TryGetValue(kind, out var info) && _settings.Publishes(info.Source)
            && _settings.Selects(route) && !Reader.IsControllerMismatch(route.Annotations);
    }

    /// <summary>
    /// Maps every selected route of the set, per kind in the order of <see cref="Kinds"/>. Gateways and ListenerSets
    /// with a problem of their own (an invalid target annotation) come first, as mappings without endpoints that carry
    /// their warnings.
    /// </summary>
    public IEnumerable<(RouteKind Kind, ObjectMapping Mapping)> MapAll(KubernetesObjectSet objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var routes = objects.GatewayRoutes.Where(Selects).ToList();
        if (routes.Count == 0)
        {
            yield break;
        }

        var resolver = new Resolver(this, objects);
        foreach (var parent in resolver.ParentMappings)
        {
            yield return (Kinds["HTTPRoute"], parent);
        }

        foreach (var info in Kinds.Values)
        {
            foreach (var route in routes.Where(r => r.Kind == info.Kind).OrderBy(r => r.Namespace, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal))
            {
                yield return (info, resolver.Map(route, info));
            }
        }
    }

    private sealed class Resolver
    {
        private readonly GatewayRouteMapper _mapper;
        private readonly Dictionary<(string Kind, string Namespace, string Name), ListenerObject> _objects = [];
        private readonly Dictionary<string, KubeNamespace> _namespaces;

        public Resolver(GatewayRouteMapper mapper, KubernetesObjectSet objects)
        {
            _mapper = mapper;
            var options = mapper._settings.Options;
            _namespaces = objects.Namespaces.GroupBy(n => n.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
            foreach (var gw in objects.Gateways.OrderBy(g => g.Namespace, StringComparer.Ordinal).ThenBy(g => g.Name, StringComparer.Ordinal))
            {
                if ((options.GatewayNamespace.Length > 0 && gw.Namespace != options.GatewayNamespace)
                    || !mapper._settings.GatewayLabelFilter.Matches(gw.Labels)
                    || mapper.Reader.IsControllerMismatch(gw.Annotations))
                {
                    continue;
                }

                var scope = new MappingScope(new ResourceRef(GatewayResourceKind, gw.Namespace, gw.Name));
                var obj = new ListenerObject(gw.Namespace, gw.Name, gw.Namespace) { Gateway = gw, Attached = true };
                obj.Overrides = Overrides(obj, gw.Annotations, scope);
                obj.Targets = obj.Overrides ?? scope.ValidTargets((gw.Status.Addresses ?? []).Select(a => a.Value), "status.addresses value");
                foreach (var lis in gw.Spec.Listeners ?? [])
                {
                    obj.Add(new Section(lis, true, string.Empty));
                }

                _objects[(GatewayKind, gw.Namespace, gw.Name)] = obj;
                Parent(scope);
            }

            if (!options.GatewayListenerSets)
            {
                return;
            }

            foreach (var ls in objects.ListenerSets.OrderBy(l => l.Namespace, StringComparer.Ordinal).ThenBy(l => l.Name, StringComparer.Ordinal))
            {
                // As upstream: ListenerSets pass the (route) annotation filter and the controller annotation; the
                // Gateway filters apply to their parent Gateway only.
                if (!mapper._settings.AnnotationFilter.Matches(ls.Annotations) || mapper.Reader.IsControllerMismatch(ls.Annotations))
                {
                    continue;
                }

                _objects[(ListenerSetKind, ls.Namespace, ls.Name)] = ListenerSetObject(ls);
            }
        }

        /// <summary>Gateways and ListenerSets whose annotations had problems: mappings that carry only warnings.</summary>
        public List<ObjectMapping> ParentMappings { get; } = [];

        public ObjectMapping Map(GatewayRoute route, RouteKind kind)
        {
            var scope = new MappingScope(new ResourceRef(kind.Kind, route.Namespace, route.Name));
            var common = CommonAnnotations.Read(_mapper.Reader, route.Annotations, scope, readTargets: false);
            if (!common.IsUsable)
            {
                return scope.Result([]);
            }

            var hosts = Hosts(route, kind, scope);
            var refs = route.Spec.ParentRefs ?? [];
            if (hosts is null || refs.Count == 0)
            {
                return scope.Result([]);
            }

            var hostTargets = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var status in route.Status.Parents ?? [])
            {
                if (Resolve(route, refs, status) is not { } parent)
                {
                    continue;
                }

                foreach (var section in parent.Sections.Where(s => s.Attached))
                {
                    MatchListener(route, kind, hosts, parent, section.Listener, hostTargets, order, scope);
                }
            }

            var endpoints = new List<Endpoint>();
            foreach (var host in order)
            {
                var targets = hostTargets[host].Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                endpoints.AddRange(common.ForHostname(host, targets, scope.Resource));
            }

            return scope.Result(endpoints);
        }

        private static string GatewayResourceKind => "Gateway." + Group;

        private List<string>? Overrides(ListenerObject obj, IReadOnlyDictionary<string, string> annotations, MappingScope scope)
        {
            var targets = CommonAnnotations.ReadTargets(_mapper.Reader, annotations, scope, out var usable);
            obj.BrokenTargets |= !usable;
            return targets;
        }

        private void Parent(MappingScope scope)
        {
            var mapping = scope.Result([]);
            if (mapping.Warnings.Count > 0)
            {
                ParentMappings.Add(mapping with { IsResolved = true });
            }
        }

        private ListenerObject ListenerSetObject(ListenerSet ls)
        {
            var gwNamespace = string.IsNullOrEmpty(ls.Spec.ParentRef.Namespace) ? ls.Namespace : ls.Spec.ParentRef.Namespace;
            var gwName = ls.Spec.ParentRef.Name ?? string.Empty;
            var obj = new ListenerObject(gwNamespace, gwName, ls.Namespace);
            var scope = new MappingScope(new ResourceRef(ListenerSetKind, ls.Namespace, ls.Name));
            string reason;
            if (!_objects.TryGetValue((GatewayKind, gwNamespace, gwName), out var gwObj))
            {
                reason = $"parent Gateway {gwNamespace}/{gwName} not found";
            }
            else if (!AllowsListenerSet(gwObj.Gateway!, ls))
            {
                reason = $"parent Gateway {gwNamespace}/{gwName} does not allow ListenerSets from namespace {ls.Namespace}";
            }
            else if (!Condition.IsTrue(ls.Status.Conditions, "Accepted"))
            {
                reason = $"ListenerSet {ls.Namespace}/{ls.Name} has not been accepted";
            }
            else
            {
                reason = string.Empty;
                obj.Attached = true;
            }

            if (gwObj is not null)
            {
                obj.Gateway = gwObj.Gateway;
                obj.Overrides = Overrides(obj, ls.Annotations, scope);
                if (obj.Overrides is null && !obj.BrokenTargets)
                {
                    obj.Overrides = gwObj.Overrides;
                    obj.BrokenTargets = gwObj.BrokenTargets;
                }

                obj.Targets = obj.Overrides ?? gwObj.Targets;
            }

            foreach (var entry in ls.Spec.Listeners ?? [])
            {
                var status = (ls.Status.Listeners ?? []).FirstOrDefault(s => s.Name == entry.Name);
                if (!obj.Attached)
                {
                    obj.Add(new Section(entry, false, reason));
                }
                else if (status is null)
                {
                    obj.Add(new Section(entry, false, $"ListenerSet {ls.Namespace}/{ls.Name} section \"{entry.Name}\" has no Accepted status"));
                }
                else
                {
                    obj.Add(new Section(entry, Condition.IsTrue(status.Conditions, "Accepted"), "not accepted"));
                }
            }

            Parent(scope);
            return obj;
        }

        private bool AllowsListenerSet(Gateway gw, ListenerSet ls)
        {
            var allowed = gw.Spec.AllowedListeners?.Namespaces;
            switch (allowed?.From ?? "None")
            {
                case "All":
                    return true;
                case "Same":
                    return gw.Namespace == ls.Namespace;
                case "Selector":
                    return allowed!.Selector is { } selector && _namespaces.TryGetValue(ls.Namespace, out var ns) && SelectorMatches(selector, ns.Labels);
                default:
                    return false;
            }
        }

        /// <summary>Upstream's resolveParentRef: the status entry must name a spec parentRef, a known parent, and be accepted.</summary>
        private ListenerObject? Resolve(GatewayRoute route, List<ParentReference> refs, RouteParentStatus status)
        {
            if (status.ParentRef is not { } reference)
            {
                return null;
            }

            var ns = Or(reference.Namespace, route.Namespace);
            var group = Or(reference.Group, Group);
            var kind = Or(reference.Kind, GatewayKind);
            var name = reference.Name ?? string.Empty;
            var declared = refs.Any(r => Or(r.Group, Group) == group && Or(r.Kind, GatewayKind) == kind && (r.Name ?? string.Empty) == name && Or(r.Namespace, route.Namespace) == ns);
            if (!declared || group != Group || (kind != GatewayKind && kind != ListenerSetKind))
            {
                return null;
            }

            if (!_objects.TryGetValue((kind, ns, name), out var obj))
            {
                return null;
            }

            var gatewayName = _mapper._settings.Options.GatewayName;
            if ((gatewayName.Length > 0 && gatewayName != obj.GatewayName) || !Condition.IsTrue(status.Conditions, "Accepted") || !obj.Attached)
            {
                return null;
            }

            var section = reference.SectionName ?? string.Empty;
            var sections = section.Length == 0 ? obj.Sections : [.. obj.Sections.Where(s => s.Listener.Name == section)];
            if (sections.Count == 0)
            {
                return null;
            }

            return new ListenerObject(obj.GatewayNamespace, obj.GatewayName, obj.OwnerNamespace)
            {
                Gateway = obj.Gateway,
                Attached = obj.Attached,
                Overrides = obj.Overrides,
                BrokenTargets = obj.BrokenTargets,
                Targets = obj.Targets,
                Port = reference.Port,
                Sections = sections,
            };
        }

        private void MatchListener(GatewayRoute route, RouteKind kind, List<string> hosts, ListenerObject parent, GatewayListener listener,
            Dictionary<string, List<string>> hostTargets, List<string> order, MappingScope scope)
        {
            if (!GatewayMatching.ProtocolMatches(kind.Protocol, listener.Protocol)
                || (parent.Port is { } port && port != listener.Port)
                || !RouteAllowed(parent.OwnerNamespace, listener, route))
            {
                return;
            }

            var listenerHost = listener.Hostname ?? string.Empty;
            foreach (var routeHost in hosts)
            {
                if (listenerHost.Length == 0 && routeHost.Length == 0)
                {
                    continue;
                }

                if (GatewayMatching.MatchingHost(listenerHost, routeHost) is not { } host)
                {
                    continue;
                }

                if (parent.BrokenTargets)
                {
                    scope.Unresolved($"its parent {(parent.Gateway is null ? "ListenerSet" : "Gateway " + parent.Gateway.Namespace + "/" + parent.Gateway.Name)} has a target annotation without a valid target");
                    continue;
                }

                if (!hostTargets.TryGetValue(host, out var list))
                {
                    hostTargets[host] = list = [];
                    order.Add(host);
                }

                list.AddRange(parent.Targets ?? []);
            }
        }

        private bool RouteAllowed(string ownerNamespace, GatewayListener listener, GatewayRoute route)
        {
            var allowed = listener.AllowedRoutes;
            var namespaces = allowed?.Namespaces;
            switch (namespaces?.From ?? "Same")
            {
                case "All":
                    break;
                case "Same":
                    if (ownerNamespace != route.Namespace)
                    {
                        return false;
                    }

                    break;
                case "Selector":
                    if (namespaces!.Selector is not { } selector || !_namespaces.TryGetValue(route.Namespace, out var ns) || !SelectorMatches(selector, ns.Labels))
                    {
                        return false;
                    }

                    break;
                default:
                    return false;
            }

            if (allowed?.Kinds is not { Count: > 0 } kinds)
            {
                return true;
            }

            var routeGroup = (route.ApiVersion ?? string.Empty).Split('/')[0];
            return kinds.Any(k => Or(k.Group, Group) == routeGroup && k.Kind == route.Kind);
        }

        private static bool SelectorMatches(LabelSelectorSpec spec, IReadOnlyDictionary<string, string> labels)
        {
            try
            {
                return LabelSelector.FromSpec(spec).Matches(labels);
            }
            catch (FormatException)
            {
                // An invalid selector selects nothing (upstream logs it at debug level).
                return false;
            }
        }

        /// <summary>Upstream's hosts(): spec hostnames, template names, the hostname annotation and gateway-hostname-source.</summary>
        private List<string>? Hosts(GatewayRoute route, RouteKind kind, MappingScope scope)
        {
            var settings = _mapper._settings;
            var options = settings.Options;
            var specHosts = kind.HasHostnames ? route.Spec.Hostnames ?? [] : [];
            var defined = new List<string>();
            foreach (var h in specHosts)
            {
                if (GatewayMatching.Canonical(h) is null)
                {
                    scope.Warn($"spec.hostnames entry \"{h}\" is not a valid host name; it is ignored");
                    continue;
                }

                defined.Add(h);
            }

            if (settings.Template is { } template && (specHosts.Count == 0 || options.CombineFqdnAnnotation))
            {
                if (ServiceMapper.TemplateNames(template, route, kind.Kind, kind.ApiVersion, scope) is not { } names)
                {
                    return null;
                }

                defined.AddRange(names);
            }

            List<string> Annotated()
            {
                if (!_mapper.Reader.TryGet(route.Annotations, AnnotationReader.Hostname, out var value, out var key))
                {
                    return [];
                }

                return [.. scope.ValidHostnames(AnnotationReader.SplitList(value), $"annotation {key} hostname", key)];
            }

            List<string> Default()
            {
                var hosts = new List<string>(defined);
                if (specHosts.Count == 0)
                {
                    // Inherit the listener's hostname.
                    hosts.Add(string.Empty);
                }

                if (!options.IgnoreHostnameAnnotation)
                {
                    hosts.AddRange(Annotated());
                }

                return hosts;
            }

            if (!_mapper.Reader.TryGet(route.Annotations, AnnotationReader.GatewayHostnameSource, out var source, out var sourceKey))
            {
                return Default();
            }

            switch (source.ToLowerInvariant())
            {
                case AnnotationOnly:
                    return options.IgnoreHostnameAnnotation ? [] : Annotated();
                case DefinedHostsOnly:
                    return defined;
                default:
                    scope.Warn($"annotation {sourceKey} value \"{source}\" is not \"{AnnotationOnly}\" or \"{DefinedHostsOnly}\"; the default (route hostnames and the hostname annotation) is used", sourceKey, source);
                    return Default();
            }
        }

        private static string Or(string? value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value;
    }

    private sealed record Section(GatewayListener Listener, bool Attached, string Reason);

    private sealed class ListenerObject(string gatewayNamespace, string gatewayName, string ownerNamespace)
    {
        public string GatewayNamespace { get; } = gatewayNamespace;

        public string GatewayName { get; } = gatewayName;

        /// <summary>The namespace <c>allowedRoutes: Same</c> refers to: the Gateway's, or the ListenerSet's.</summary>
        public string OwnerNamespace { get; } = ownerNamespace;

        public Gateway? Gateway { get; set; }

        public bool Attached { get; set; }

        public List<string>? Overrides { get; set; }

        public bool BrokenTargets { get; set; }

        public List<string>? Targets { get; set; }

        public int? Port { get; init; }

        public List<Section> Sections { get; init; } = [];

        public void Add(Section section) => Sections.Add(section);
    }
}

using System.Globalization;
using ExternalDns.Core.Endpoints;
using ExternalDns.Kubernetes.Models;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>
/// Maps one Service to endpoints as upstream's <c>source/service.go</c>: hostnames from the <c>hostname</c> and
/// <c>internal-hostname</c> annotations (or <c>--fqdn-template</c>), targets from the <c>target</c> annotation or by
/// service type — LoadBalancer (externalIPs, else status ingress IPs and hostnames; the cluster IP for
/// internal-hostname), ClusterIP (cluster IP with internal-hostname or <c>--publish-internal-services</c>), headless
/// (ready EndpointSlice addresses per pod, pod hostnames, host IP, node external IP), NodePort (node addresses and
/// SRV records), ExternalName (externalIPs, else the external name).
/// </summary>
public sealed class ServiceMapper(MappingSettings settings)
{
    public const string ClusterIPNone = "None";
    public const string EndpointsTypeNodeExternalIP = "NodeExternalIP";
    public const string EndpointsTypeHostIP = "HostIP";

    private readonly MappingSettings _settings = settings ?? throw new ArgumentNullException(nameof(settings));

    private AnnotationReader Reader => _settings.Annotations;

    /// <summary>The service's type with the API default (ClusterIP) applied.</summary>
    public static string TypeOf(Service svc)
    {
        ArgumentNullException.ThrowIfNull(svc);
        return string.IsNullOrEmpty(svc.Spec.Type) ? "ClusterIP" : svc.Spec.Type;
    }

    /// <summary>
    /// True when the service is selected: namespace, label and annotation filters, the controller annotation and
    /// <c>--service-type-filter</c>.
    /// </summary>
    public bool Selects(Service svc)
    {
        ArgumentNullException.ThrowIfNull(svc);
        return _settings.Selects(svc)
            && !Reader.IsControllerMismatch(svc.Annotations)
            && (_settings.ServiceTypes is null || _settings.ServiceTypes.Contains(TypeOf(svc)));
    }

    /// <summary>Maps a (selected) service; <paramref name="cluster"/> supplies nodes, EndpointSlices and pods.</summary>
    public ObjectMapping Map(Service svc, KubernetesObjectSet cluster)
    {
        ArgumentNullException.ThrowIfNull(svc);
        ArgumentNullException.ThrowIfNull(cluster);
        var scope = new MappingScope(new ResourceRef("Service", svc.Namespace, svc.Name));
        var common = CommonAnnotations.Read(Reader, svc.Annotations, scope);
        if (!common.IsUsable)
        {
            return scope.Result([]);
        }

        var endpoints = new List<Endpoint>();
        if (!_settings.Options.IgnoreHostnameAnnotation)
        {
            if (Reader.TryGet(svc.Annotations, AnnotationReader.Hostname, out var hostValue, out var hostKey))
            {
                foreach (var host in scope.ValidHostnames(AnnotationReader.SplitList(hostValue), $"annotation {hostKey} hostname", hostKey))
                {
                    endpoints.AddRange(Generate(svc, cluster, host, common, scope, useClusterIP: false));
                }
            }

            if (Reader.TryGet(svc.Annotations, AnnotationReader.InternalHostname, out var internalValue, out var internalKey))
            {
                foreach (var host in scope.ValidHostnames(AnnotationReader.SplitList(internalValue), $"annotation {internalKey} hostname", internalKey))
                {
                    endpoints.AddRange(Generate(svc, cluster, host, common, scope, useClusterIP: true));
                }
            }
        }

        // --compatibility: upstream reads the legacy annotations when its own produced nothing (before the template).
        if (endpoints.Count == 0 && _settings.Options.Compatibility.Length > 0)
        {
            endpoints.AddRange(LegacyServiceAnnotations.Endpoints(_settings.Options.Compatibility, svc, cluster, _settings.Options.ExposeInternalIpv6, scope));
        }

        // Upstream's CombineWithEndpoints: the template is used when nothing was produced, or always with --combine-fqdn-annotation.
        var template = _settings.Template;
        if (template is not null && (_settings.Options.CombineFqdnAnnotation || endpoints.Count == 0))
        {
            if (TemplateNames(template, svc, "Service", "v1", scope) is { } names)
            {
                foreach (var host in names)
                {
                    endpoints.AddRange(Generate(svc, cluster, host, common, scope, useClusterIP: false));
                }
            }
        }

        return scope.Result(endpoints);
    }

    /// <summary>Runs the template; a failure leaves the object unresolved (upstream fails the whole source).</summary>
    internal static IReadOnlyList<string>? TemplateNames(FqdnTemplate template, KubeObject obj, string kind, string apiVersion, MappingScope scope)
    {
        IReadOnlyList<string> raw;
        try
        {
            raw = template.Execute(TemplateData.From(obj, kind, apiVersion));
        }
        catch (TemplateExecutionException e)
        {
            scope.Unresolved($"--fqdn-template \"{template.Text}\" failed: {e.Message}");
            return null;
        }

        return scope.ValidHostnames(raw, "--fqdn-template name");
    }

    private List<Endpoint> Generate(Service svc, KubernetesObjectSet cluster, string hostname, CommonAnnotations common, MappingScope scope, bool useClusterIP)
    {
        var endpoints = new List<Endpoint>();
        IReadOnlyList<string> targets;
        if (common.Targets is not null)
        {
            targets = common.Targets;
        }
        else
        {
            var extra = new List<Endpoint>();
            switch (TypeOf(svc))
            {
                case "LoadBalancer":
                    targets = useClusterIP ? ClusterIPTargets(svc, scope) : LoadBalancerTargets(svc, scope);
                    break;
                case "ClusterIP":
                    if (svc.Spec.ClusterIP == ClusterIPNone)
                    {
                        extra.AddRange(HeadlessEndpoints(svc, cluster, hostname, common.Ttl, scope));
                        targets = [];
                    }
                    else
                    {
                        targets = useClusterIP || _settings.Options.PublishInternalServices ? ClusterIPTargets(svc, scope) : [];
                    }

                    break;
                case "NodePort":
                    targets = NodePortTargets(svc, cluster, scope);
                    extra.AddRange(NodePortSrvEndpoints(svc, hostname, common.Ttl, scope.Resource));
                    break;
                case "ExternalName":
                    targets = svc.Spec.ExternalIPs is { Count: > 0 } ips
                        ? scope.ValidTargets(ips, "spec.externalIPs entry")
                        : scope.ValidTargets([svc.Spec.ExternalName], "spec.externalName");
                    break;
                default:
                    scope.Warn($"service type \"{svc.Spec.Type}\" is not known; no records are published for it");
                    targets = [];
                    break;
            }

            foreach (var ep in extra)
            {
                ep.AddProviderSpecific(common.ProviderSpecific);
                ep.SetIdentifier = common.SetIdentifier;
            }

            endpoints.AddRange(extra);
        }

        var forHostname = common.ForHostname(hostname, targets, scope.Resource);
        if (_settings.Options.ResolveServiceLoadBalancerHostname && common.Targets is null && !useClusterIP && TypeOf(svc) == "LoadBalancer")
        {
            // The load balancer's host names (and only they: a target annotation is published as written) are resolved
            // to addresses by the pipeline, which may do I/O; the mapping stays a pure function of the objects.
            foreach (var cname in forHostname.Where(e => e.RecordType == RecordTypes.CNAME))
            {
                cname.SetProviderSpecific(Core.Sources.HostnameTargets.ResolveProperty, "true");
            }
        }

        endpoints.AddRange(forHostname);
        return endpoints;
    }

    private static List<string> ClusterIPTargets(Service svc, MappingScope scope) =>
        svc.Spec.ClusterIP == ClusterIPNone ? [] : scope.ValidTargets([svc.Spec.ClusterIP], "spec.clusterIP");

    private static List<string> LoadBalancerTargets(Service svc, MappingScope scope)
    {
        if (svc.Spec.ExternalIPs is { Count: > 0 } ips)
        {
            return scope.ValidTargets(ips, "spec.externalIPs entry");
        }

        var raw = new List<string?>();
        foreach (var lb in svc.Status.LoadBalancer.Ingress ?? [])
        {
            raw.Add(lb.Ip);
            raw.Add(lb.Hostname);
        }

        return scope.ValidTargets(raw, "status.loadBalancer.ingress entry");
    }

    private List<Endpoint> HeadlessEndpoints(Service svc, KubernetesObjectSet cluster, string hostname, long ttl, MappingScope scope)
    {
        var endpointsType = Reader.Get(svc.Annotations, AnnotationReader.EndpointsType) ?? string.Empty;
        var publishPodIPs = endpointsType != EndpointsTypeNodeExternalIP && endpointsType != EndpointsTypeHostIP && !_settings.Options.PublishHostIP;
        var publishNotReady = svc.Spec.PublishNotReadyAddresses || _settings.Options.AlwaysPublishNotReadyAddresses;
        var pods = cluster.PodsFor(svc.Namespace, LabelSelector.FromSet(svc.Spec.Selector)).ToList();

        var byKey = new Dictionary<(string Name, string Type), List<string>>();
        foreach (var slice in cluster.EndpointSlicesFor(svc.Namespace, svc.Name))
        {
            foreach (var ep in slice.Endpoints ?? [])
            {
                if (ep.Conditions.Ready == false && !publishNotReady)
                {
                    continue;
                }

                if (publishPodIPs && slice.AddressType is not ("IPv4" or "IPv6"))
                {
                    continue;
                }

                var pod = FindPod(ep, pods);
                if (pod is null)
                {
                    continue;
                }

                var domains = new List<string> { hostname };
                if (!string.IsNullOrEmpty(pod.Spec.Hostname))
                {
                    domains.Add($"{pod.Spec.Hostname}.{hostname}");
                }

                foreach (var domain in domains)
                {
                    foreach (var target in PodTargets(pod, ep, endpointsType, cluster, scope))
                    {
                        var key = (domain, RecordTypes.ForTarget(target));
                        if (!byKey.TryGetValue(key, out var list))
                        {
                            byKey[key] = list = [];
                        }

                        if (!list.Contains(target, StringComparer.Ordinal))
                        {
                            list.Add(target);
                        }
                    }
                }
            }
        }

        var result = new List<Endpoint>();
        foreach (var ((name, type), targets) in byKey.OrderBy(k => k.Key.Name, StringComparer.Ordinal).ThenBy(k => k.Key.Type, StringComparer.Ordinal))
        {
            if (scope.ValidHostnames([name], "pod hostname record").Count == 0)
            {
                continue;
            }

            var endpoint = new Endpoint(name, type, ttl, targets);
            endpoint.Labels[Labels.ResourceKey] = scope.Resource;
            result.Add(endpoint);
        }

        return result;
    }

    // Upstream accepts only targetRef kind Pod without apiVersion; "v1" (as people write it in manifests) is accepted too.
    private static Pod? FindPod(EndpointSliceEndpoint ep, List<Pod> pods)
    {
        var r = ep.TargetRef;
        if (r is null || r.Kind != "Pod" || r.ApiVersion is not (null or "" or "v1"))
        {
            return null;
        }

        return pods.FirstOrDefault(p => p.Name == r.Name);
    }

    private List<string> PodTargets(Pod pod, EndpointSliceEndpoint ep, string endpointsType, KubernetesObjectSet cluster, MappingScope scope)
    {
        if (Reader.TryGet(pod.Annotations, AnnotationReader.Target, out var value, out var key) && value.Length > 0)
        {
            return scope.ValidTargets(AnnotationReader.SplitList(value), $"annotation {key} on pod {pod.Name} target", key);
        }

        if (endpointsType == EndpointsTypeNodeExternalIP)
        {
            var node = cluster.FindNode(pod.Spec.NodeName);
            if (node is null)
            {
                return [];
            }

            var addresses = (node.Status.Addresses ?? [])
                .Where(a => a.Type == "ExternalIP" || (_settings.Options.ExposeInternalIpv6 && a.Type == "InternalIP" && IsIPv6(a.Address)))
                .Select(a => a.Address);
            return scope.ValidTargets(addresses, $"node {node.Name} address");
        }

        if (endpointsType == EndpointsTypeHostIP || _settings.Options.PublishHostIP)
        {
            return scope.ValidTargets([pod.Status.HostIP], $"pod {pod.Name} status.hostIP");
        }

        return ep.Addresses is { Count: > 0 } a0 ? scope.ValidTargets([a0[0]], "EndpointSlice address") : [];
    }

    private List<string> NodePortTargets(Service svc, KubernetesObjectSet cluster, MappingScope scope)
    {
        IEnumerable<Node> nodes = svc.Spec.ExternalTrafficPolicy == "Local" ? NodesWithLocalPods(svc, cluster) : cluster.Nodes;
        var internalIPs = new List<string?>();
        var externalIPs = new List<string?>();
        var ipv6 = new List<string?>();
        foreach (var node in nodes)
        {
            if (node.Spec.Unschedulable && _settings.Options.ExcludeUnschedulable)
            {
                continue;
            }

            foreach (var address in node.Status.Addresses ?? [])
            {
                if (address.Type == "ExternalIP")
                {
                    externalIPs.Add(address.Address);
                }
                else if (address.Type == "InternalIP")
                {
                    internalIPs.Add(address.Address);
                    if (IsIPv6(address.Address))
                    {
                        ipv6.Add(address.Address);
                    }
                }
            }
        }

        var expose = _settings.Options.ExposeInternalIpv6;
        List<string?> chosen = Reader.Get(svc.Annotations, AnnotationReader.Access) switch
        {
            "public" => expose ? [.. externalIPs, .. ipv6] : externalIPs,
            "private" => internalIPs,
            _ => externalIPs.Count > 0 ? (expose ? [.. externalIPs, .. ipv6] : externalIPs) : internalIPs,
        };
        return scope.ValidTargets(chosen, "node address");
    }

    /// <summary>
    /// externalTrafficPolicy=Local: the nodes that run a Running pod of the service, at the best readiness level
    /// found (ready and not terminating, else ready and terminating, else running).
    /// </summary>
    private static List<Node> NodesWithLocalPods(Service svc, KubernetesObjectSet cluster)
    {
        var best = new Dictionary<string, (Node Node, int Priority)>(StringComparer.Ordinal);
        var max = 0;
        foreach (var pod in cluster.PodsFor(svc.Namespace, LabelSelector.FromSet(svc.Spec.Selector)))
        {
            if (pod.Status.Phase != "Running" || cluster.FindNode(pod.Spec.NodeName) is not { } node)
            {
                continue;
            }

            var ready = pod.Status.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status == "True";
            var priority = !ready ? 1 : string.IsNullOrEmpty(pod.Metadata.DeletionTimestamp) ? 3 : 2;
            var current = best.TryGetValue(node.Name, out var b) ? b.Priority : 0;
            best[node.Name] = (node, Math.Max(current, priority));
            max = Math.Max(max, priority);
        }

        return [.. best.Values.Where(v => v.Priority == max).Select(v => v.Node).OrderBy(n => n.Name, StringComparer.Ordinal)];
    }

    private static List<Endpoint> NodePortSrvEndpoints(Service svc, string hostname, long ttl, string resource)
    {
        var result = new List<Endpoint>();
        foreach (var port in svc.Spec.Ports ?? [])
        {
            if (port.NodePort <= 0)
            {
                continue;
            }

            var protocol = string.IsNullOrEmpty(port.Protocol) ? "tcp" : port.Protocol.ToLowerInvariant();
            var target = string.Create(CultureInfo.InvariantCulture, $"0 50 {port.NodePort} {hostname}.");
            var ep = new Endpoint($"_{svc.Name}._{protocol}.{hostname}", RecordTypes.SRV, ttl, [target]);
            ep.Labels[Labels.ResourceKey] = resource;
            result.Add(ep);
        }

        return result;
    }

    private static bool IsIPv6(string? address) => address is not null && RecordTypes.ForTarget(address) == RecordTypes.AAAA;
}

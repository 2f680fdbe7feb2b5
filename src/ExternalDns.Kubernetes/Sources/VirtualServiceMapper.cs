using ExternalDns.Core.Endpoints;
using ExternalDns.Kubernetes.Models;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>
/// Maps Istio VirtualServices (<c>networking.istio.io/v1</c>) as upstream's <c>istio-virtualservice</c> source
/// (<c>source/istio_virtualservice.go</c>): hosts from <c>spec.hosts</c> (<c>*</c> skipped, a <c>namespace/</c>
/// prefix stripped) and the <c>hostname</c> annotation; targets from the VirtualService's own <c>target</c> annotation,
/// else those (see <see cref="IstioTargets"/>) of every Gateway in <c>spec.gateways</c> (<c>mesh</c> skipped, a bare
/// name in the VirtualService's namespace) that binds the host (<see cref="BindsToGateway"/>), in order, without
/// duplicates. <c>--fqdn-template</c> names take the Gateways' targets. The <c>resource</c> label is
/// <c>virtualservice/&lt;ns&gt;/&lt;name&gt;</c>. Where upstream fails the whole source (an unparsable gateway
/// reference, a Gateway's Ingress that does not exist), only this VirtualService is unresolved.
/// </summary>
public sealed class VirtualServiceMapper(MappingSettings settings)
{
    public const string Source = "istio-virtualservice";
    public const string ApiVersion = "networking.istio.io/v1";
    public const string MeshGateway = "mesh";

    private readonly MappingSettings _settings = settings ?? throw new ArgumentNullException(nameof(settings));

    private AnnotationReader Reader => _settings.Annotations;

    public bool Selects(VirtualService vs)
    {
        ArgumentNullException.ThrowIfNull(vs);
        return _settings.Publishes(Source) && _settings.Selects(vs) && !Reader.IsControllerMismatch(vs.Annotations);
    }

    /// <summary>
    /// Whether <paramref name="vs"/> binds to <paramref name="gateway"/> for <paramref name="host"/>: the
    /// VirtualService is exported to the Gateway's namespace (<c>exportTo</c> empty, <c>*</c>, the namespace, or
    /// <c>.</c> when both share one), and a server host's namespace part is <c>*</c> (or absent), the VirtualService's
    /// namespace, or <c>.</c> for the Gateway's own, and its host part is <c>*</c>, the host itself, or a <c>*.</c>
    /// suffix of it.
    /// </summary>
    public static bool BindsToGateway(VirtualService vs, IstioGateway gateway, string host)
    {
        ArgumentNullException.ThrowIfNull(vs);
        ArgumentNullException.ThrowIfNull(gateway);
        var exportTo = vs.Spec.ExportTo ?? [];
        if (exportTo.Count > 0 && !exportTo.Any(ns => ns == "*" || ns == gateway.Namespace || (ns == "." && gateway.Namespace == vs.Namespace)))
        {
            return false;
        }

        foreach (var serverHost in (gateway.Spec.Servers ?? []).SelectMany(s => s.Hosts ?? []))
        {
            var ns = "*";
            var name = serverHost;
            var parts = serverHost.Split('/');
            if (parts.Length == 2)
            {
                (ns, name) = (parts[0], parts[1]);
            }
            else if (parts.Length != 1)
            {
                continue;
            }

            if (ns != "*" && ns != vs.Namespace && !(ns == "." && vs.Namespace == gateway.Namespace))
            {
                continue;
            }

            if (name == "*" || name == host || (name.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(name[1..], StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    public ObjectMapping Map(VirtualService vs, KubernetesObjectSet objects)
    {
        ArgumentNullException.ThrowIfNull(vs);
        ArgumentNullException.ThrowIfNull(objects);
        var scope = new MappingScope(new ResourceRef("VirtualService", vs.Namespace, vs.Name));
        var common = CommonAnnotations.Read(Reader, vs.Annotations, scope);
        if (!common.IsUsable)
        {
            return scope.Result([]);
        }

        var options = _settings.Options;
        var hosts = new List<string>();
        var specHosts = (vs.Spec.Hosts ?? []).Where(h => h is not ("" or "*")).Select(h => h.Split('/') is { Length: 2 } p ? p[1] : h);
        hosts.AddRange(scope.ValidHostnames(specHosts, "spec.hosts entry"));
        if (!options.IgnoreHostnameAnnotation && Reader.TryGet(vs.Annotations, AnnotationReader.Hostname, out var value, out var key))
        {
            hosts.AddRange(scope.ValidHostnames(AnnotationReader.SplitList(value), $"annotation {key} hostname", key));
        }

        var cache = new Dictionary<string, List<string>?>(StringComparer.Ordinal);
        var endpoints = new List<Endpoint>();
        foreach (var host in hosts)
        {
            var targets = common.Targets ?? GatewayTargets(vs, host, objects, scope, cache);
            if (targets is null)
            {
                return scope.Result([]);
            }

            endpoints.AddRange(common.ForHostname(host, targets, scope.Resource));
        }

        if (_settings.Template is { } template && (options.CombineFqdnAnnotation || endpoints.Count == 0)
            && ServiceMapper.TemplateNames(template, vs, "VirtualService", ApiVersion, scope) is { } names)
        {
            foreach (var host in names)
            {
                if (GatewayTargets(vs, host, objects, scope, cache) is not { } targets)
                {
                    return scope.Result([]);
                }

                endpoints.AddRange(common.ForHostname(host, targets, scope.Resource));
            }
        }

        return scope.Result(endpoints);
    }

    /// <summary>The targets of the Gateways that bind <paramref name="host"/>; null when one of them cannot be resolved (the scope is then unresolved).</summary>
    private List<string>? GatewayTargets(VirtualService vs, string host, KubernetesObjectSet objects, MappingScope scope, Dictionary<string, List<string>?> cache)
    {
        var ns = _settings.Options.Namespace;
        var targets = new List<string>();
        foreach (var reference in vs.Spec.Gateways ?? [])
        {
            if (reference is "" or MeshGateway)
            {
                continue;
            }

            var parts = reference.Split('/');
            if (parts.Length > 2)
            {
                scope.Unresolved($"spec.gateways entry \"{reference}\" is not a name or namespace/name");
                return null;
            }

            var gatewayNamespace = parts.Length == 2 && parts[0].Length > 0 ? parts[0] : vs.Namespace;
            var gatewayName = parts[^1];
            var gateway = objects.IstioGateways.LastOrDefault(g => g.Namespace == gatewayNamespace && g.Name == gatewayName && (ns.Length == 0 || g.Namespace == ns));
            if (gateway is null)
            {
                scope.Warn($"spec.gateways entry \"{reference}\": Istio Gateway {gatewayNamespace}/{gatewayName} does not exist; it is skipped");
                continue;
            }

            if (!BindsToGateway(vs, gateway, host))
            {
                continue;
            }

            var cacheKey = gatewayNamespace + "/" + gatewayName;
            if (!cache.TryGetValue(cacheKey, out var gatewayTargets))
            {
                gatewayTargets = IstioTargets.Resolve(gateway, objects, _settings, scope, out var problem);
                if (gatewayTargets is null && problem is not null)
                {
                    scope.Unresolved(problem);
                }

                cache[cacheKey] = gatewayTargets;
            }

            if (gatewayTargets is null)
            {
                return null;
            }

            foreach (var t in gatewayTargets)
            {
                if (!targets.Contains(t, StringComparer.Ordinal))
                {
                    targets.Add(t);
                }
            }
        }

        return targets;
    }
}

using ExternalDns.Core.Endpoints;
using ExternalDns.Kubernetes.Models;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>
/// Maps Istio Gateways (<c>networking.istio.io/v1</c>) as upstream's <c>istio-gateway</c> source
/// (<c>source/istio_gateway.go</c>): hosts from <c>spec.servers[].hosts</c> (a <c>namespace/</c> prefix stripped,
/// <c>*</c> skipped) and the <c>hostname</c> annotation; targets as <see cref="IstioTargets"/> resolves them; TTL,
/// set identifier and provider-specific properties from the Gateway; <c>--fqdn-template</c> names (when the Gateway
/// has no records of its own, or with <c>--combine-fqdn-annotation</c>) with the same targets. The <c>resource</c>
/// label is <c>gateway/&lt;ns&gt;/&lt;name&gt;</c>. Where upstream fails the whole source (an Ingress named by the
/// <c>ingress</c> annotation that does not exist), only this Gateway is unresolved: its records are kept.
/// </summary>
public sealed class IstioGatewayMapper(MappingSettings settings)
{
    public const string Source = "istio-gateway";
    public const string ApiVersion = "networking.istio.io/v1";

    private readonly MappingSettings _settings = settings ?? throw new ArgumentNullException(nameof(settings));

    private AnnotationReader Reader => _settings.Annotations;

    public bool Selects(IstioGateway gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        return _settings.Publishes(Source) && _settings.Selects(gateway) && !Reader.IsControllerMismatch(gateway.Annotations);
    }

    /// <summary>A server host without its <c>namespace/</c> prefix, or null for an empty host or <c>*</c>.</summary>
    internal static string? ServerHost(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return null;
        }

        var parts = host.Split('/');
        var name = parts.Length == 2 ? parts[1] : host;
        return name == "*" ? null : name;
    }

    public ObjectMapping Map(IstioGateway gateway, KubernetesObjectSet objects)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(objects);
        var scope = new MappingScope(new ResourceRef("Gateway", gateway.Namespace, gateway.Name));
        var common = CommonAnnotations.Read(Reader, gateway.Annotations, scope, readTargets: false);
        if (!common.IsUsable)
        {
            return scope.Result([]);
        }

        var options = _settings.Options;
        var hosts = new List<string>();
        var serverHosts = (gateway.Spec.Servers ?? []).SelectMany(s => s.Hosts ?? []).Select(ServerHost).OfType<string>();
        hosts.AddRange(scope.ValidHostnames(serverHosts, "spec.servers host"));
        if (!options.IgnoreHostnameAnnotation && Reader.TryGet(gateway.Annotations, AnnotationReader.Hostname, out var value, out var key))
        {
            hosts.AddRange(scope.ValidHostnames(AnnotationReader.SplitList(value), $"annotation {key} hostname", key));
        }

        var targets = IstioTargets.Resolve(gateway, objects, _settings, scope, out var problem);
        if (targets is null)
        {
            if (problem is not null)
            {
                scope.Unresolved(problem);
            }

            return scope.Result([]);
        }

        var endpoints = new List<Endpoint>();
        foreach (var host in hosts)
        {
            endpoints.AddRange(common.ForHostname(host, targets, scope.Resource));
        }

        if (_settings.Template is { } template && (options.CombineFqdnAnnotation || endpoints.Count == 0)
            && ServiceMapper.TemplateNames(template, gateway, "Gateway", ApiVersion, scope) is { } names)
        {
            foreach (var host in names)
            {
                endpoints.AddRange(common.ForHostname(host, targets, scope.Resource));
            }
        }

        return scope.Result(endpoints);
    }
}

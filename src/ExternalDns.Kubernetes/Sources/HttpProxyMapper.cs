using ExternalDns.Core.Endpoints;
using ExternalDns.Kubernetes.Models;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>
/// Maps Contour HTTPProxies (<c>projectcontour.io/v1</c>) as upstream's <c>contour-httpproxy</c> source
/// (<c>source/contour_httpproxy.go</c>): hosts from <c>spec.virtualhost.fqdn</c> and the <c>hostname</c> annotation;
/// targets from the <c>target</c> annotation, else <c>status.loadBalancer.ingress[]</c> (IP and host name both when
/// both are set); <c>--fqdn-template</c> names with the same targets. The <c>resource</c> label is
/// <c>HTTPProxy/&lt;ns&gt;/&lt;name&gt;</c>, spelled as upstream writes it.
/// </summary>
public sealed class HttpProxyMapper(MappingSettings settings)
{
    public const string Source = "contour-httpproxy";
    public const string ApiVersion = "projectcontour.io/v1";

    private readonly MappingSettings _settings = settings ?? throw new ArgumentNullException(nameof(settings));

    private AnnotationReader Reader => _settings.Annotations;

    public bool Selects(HttpProxy proxy)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        return _settings.Publishes(Source) && _settings.Selects(proxy) && !Reader.IsControllerMismatch(proxy.Annotations);
    }

    public ObjectMapping Map(HttpProxy proxy)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        var scope = new MappingScope(new ResourceRef("HTTPProxy", proxy.Namespace, proxy.Name));
        var common = CommonAnnotations.Read(Reader, proxy.Annotations, scope);
        if (!common.IsUsable)
        {
            return scope.Result([]);
        }

        var targets = common.Targets ?? scope.ValidTargets(
            (proxy.Status.LoadBalancer.Ingress ?? []).SelectMany(lb => new[] { lb.Ip, lb.Hostname }),
            "status.loadBalancer.ingress entry");
        var options = _settings.Options;
        var endpoints = new List<Endpoint>();
        if (proxy.Spec.VirtualHost?.Fqdn is { Length: > 0 } fqdn)
        {
            foreach (var host in scope.ValidHostnames([fqdn], "spec.virtualhost.fqdn"))
            {
                endpoints.AddRange(common.ForHostname(host, targets, scope.Resource));
            }
        }

        if (!options.IgnoreHostnameAnnotation && Reader.TryGet(proxy.Annotations, AnnotationReader.Hostname, out var value, out var key))
        {
            foreach (var host in scope.ValidHostnames(AnnotationReader.SplitList(value), $"annotation {key} hostname", key))
            {
                endpoints.AddRange(common.ForHostname(host, targets, scope.Resource));
            }
        }

        if (_settings.Template is { } template && (options.CombineFqdnAnnotation || endpoints.Count == 0)
            && ServiceMapper.TemplateNames(template, proxy, "HTTPProxy", ApiVersion, scope) is { } names)
        {
            foreach (var host in names)
            {
                endpoints.AddRange(common.ForHostname(host, targets, scope.Resource));
            }
        }

        return scope.Result(endpoints);
    }
}

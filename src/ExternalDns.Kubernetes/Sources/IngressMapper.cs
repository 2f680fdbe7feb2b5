using ExternalDns.Core.Endpoints;
using ExternalDns.Kubernetes.Models;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>
/// Maps one Ingress to endpoints as upstream's <c>source/ingress.go</c>: hosts from <c>spec.rules[].host</c>
/// (unless <c>--ignore-ingress-rules-spec</c>), <c>spec.tls[].hosts</c> (unless <c>--ignore-ingress-tls-spec</c>) and
/// the <c>hostname</c> annotation (unless <c>--ignore-hostname-annotation</c>), narrowed by the
/// <c>ingress-hostname-source</c> annotation; targets from the <c>target</c> annotation, else
/// <c>status.loadBalancer.ingress[]</c> IPs and hostnames.
/// </summary>
public sealed class IngressMapper(MappingSettings settings)
{
    public const string IngressClassAnnotation = "kubernetes.io/ingress.class";
    public const string HostnameSourceDefinedHostsOnly = "defined-hosts-only";
    public const string HostnameSourceAnnotationOnly = "annotation-only";

    private readonly MappingSettings _settings = settings ?? throw new ArgumentNullException(nameof(settings));

    private AnnotationReader Reader => _settings.Annotations;

    /// <summary>Namespace, label and annotation filters, the controller annotation and <c>--ingress-class</c>.</summary>
    public bool Selects(Ingress ing)
    {
        ArgumentNullException.ThrowIfNull(ing);
        return _settings.Selects(ing) && !Reader.IsControllerMismatch(ing.Annotations) && MatchesClass(ing, _settings.Options.IngressClassNames);
    }

    /// <summary>
    /// <c>--ingress-class</c>: <c>spec.ingressClassName</c> when set, else the <c>kubernetes.io/ingress.class</c>
    /// annotation, must be one of <paramref name="classNames"/>; an empty list matches every ingress.
    /// </summary>
    public static bool MatchesClass(Ingress ing, IList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(ing);
        ArgumentNullException.ThrowIfNull(classNames);
        if (classNames.Count == 0)
        {
            return true;
        }

        if (!string.IsNullOrEmpty(ing.Spec.IngressClassName))
        {
            return classNames.Contains(ing.Spec.IngressClassName);
        }

        return ing.Annotations.TryGetValue(IngressClassAnnotation, out var cls) && classNames.Contains(cls);
    }

    public ObjectMapping Map(Ingress ing)
    {
        ArgumentNullException.ThrowIfNull(ing);
        var scope = new MappingScope(new ResourceRef("Ingress", ing.Namespace, ing.Name));
        var common = CommonAnnotations.Read(Reader, ing.Annotations, scope);
        if (!common.IsUsable)
        {
            return scope.Result([]);
        }

        var targets = common.Targets ?? StatusTargets(ing, scope);
        var options = _settings.Options;

        var defined = new List<Endpoint>();
        if (!options.IgnoreIngressRulesSpec)
        {
            var hosts = (ing.Spec.Rules ?? []).Select(r => r.Host).Where(h => !string.IsNullOrEmpty(h)).Select(h => h!);
            foreach (var host in scope.ValidHostnames(hosts, "spec.rules host"))
            {
                defined.AddRange(common.ForHostname(host, targets, scope.Resource));
            }
        }

        if (!options.IgnoreIngressTlsSpec)
        {
            var hosts = (ing.Spec.Tls ?? []).SelectMany(t => t.Hosts ?? []).Where(h => !string.IsNullOrEmpty(h));
            foreach (var host in scope.ValidHostnames(hosts, "spec.tls host"))
            {
                defined.AddRange(common.ForHostname(host, targets, scope.Resource));
            }
        }

        var annotated = new List<Endpoint>();
        if (!options.IgnoreHostnameAnnotation && Reader.TryGet(ing.Annotations, AnnotationReader.Hostname, out var hostValue, out var hostKey))
        {
            foreach (var host in scope.ValidHostnames(AnnotationReader.SplitList(hostValue), $"annotation {hostKey} hostname", hostKey))
            {
                annotated.AddRange(common.ForHostname(host, targets, scope.Resource));
            }
        }

        List<Endpoint> endpoints;
        if (Reader.TryGet(ing.Annotations, AnnotationReader.IngressHostnameSource, out var source, out var sourceKey))
        {
            switch (source.ToLowerInvariant())
            {
                case HostnameSourceDefinedHostsOnly:
                    endpoints = defined;
                    break;
                case HostnameSourceAnnotationOnly:
                    endpoints = annotated;
                    break;
                default:
                    // Upstream publishes nothing for an unknown value; that would delete the ingress's records over a typo.
                    scope.Unresolved($"annotation {sourceKey} value \"{source}\" is not \"{HostnameSourceDefinedHostsOnly}\" or \"{HostnameSourceAnnotationOnly}\"", sourceKey, source);
                    return scope.Result([]);
            }
        }
        else
        {
            endpoints = [.. defined, .. annotated];
        }

        var template = _settings.Template;
        if (template is not null && (options.CombineFqdnAnnotation || endpoints.Count == 0))
        {
            if (ServiceMapper.TemplateNames(template, ing, "Ingress", "networking.k8s.io/v1", scope) is { } names)
            {
                foreach (var host in names)
                {
                    endpoints.AddRange(common.ForHostname(host, targets, scope.Resource));
                }
            }
        }

        return scope.Result(endpoints);
    }

    private static List<string> StatusTargets(Ingress ing, MappingScope scope)
    {
        var raw = new List<string?>();
        foreach (var lb in ing.Status.LoadBalancer.Ingress ?? [])
        {
            raw.Add(lb.Ip);
            raw.Add(lb.Hostname);
        }

        return scope.ValidTargets(raw, "status.loadBalancer.ingress entry");
    }
}

using System.Text.RegularExpressions;
using ExternalDns.Core.Endpoints;
using ExternalDns.Kubernetes.Models;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>
/// Maps Traefik IngressRoute, IngressRouteTCP and IngressRouteUDP objects as upstream's <c>traefik-proxy</c> source
/// (<c>source/traefik_proxy.go</c>): the <c>traefik.io/v1alpha1</c> group unless <c>--traefik-disable-new</c>, the
/// legacy <c>traefik.containo.us/v1alpha1</c> group only with <c>--traefik-enable-legacy</c>.
/// <list type="bullet">
/// <item>Hosts: the <c>hostname</c> annotation (unless <c>--ignore-hostname-annotation</c>), plus — except for UDP
/// routes — every backquoted argument of <c>Host(…)</c>, <c>HostHeader(…)</c> and <c>HostSNI(…)</c> in each route's
/// <c>match</c> rule (several arguments per call, several calls per rule); <c>*</c> is skipped, <c>HostRegexp</c> and
/// the like are ignored.</item>
/// <item>Targets: only the <c>target</c> annotation (an IngressRoute has no status). Without one nothing is published,
/// and a notice says why.</item>
/// <item>The <c>resource</c> label is <c>ingressroute/&lt;ns&gt;/&lt;name&gt;</c>, <c>ingressroutetcp/…</c> or
/// <c>ingressrouteudp/…</c> for both groups.</item>
/// </list>
/// <c>--fqdn-template</c> names get their targets from upstream's <c>--target-template</c>, which ExternalDns does not
/// implement: they are not published (upstream publishes nothing for them without a target template either); a notice
/// says so.
/// </summary>
public sealed partial class TraefikMapper(MappingSettings settings)
{
    public const string Source = "traefik-proxy";
    public const string NewGroup = "traefik.io";
    public const string LegacyGroup = "traefik.containo.us";
    public const string Version = "v1alpha1";

    /// <summary>The three kinds.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["IngressRoute", "IngressRouteTCP", "IngressRouteUDP"];

    private readonly MappingSettings _settings = settings ?? throw new ArgumentNullException(nameof(settings));

    private AnnotationReader Reader => _settings.Annotations;

    /// <summary>The object's group is enabled, and it passes the namespace, label, annotation and controller filters.</summary>
    public bool Selects(TraefikIngressRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var options = _settings.Options;
        var group = (route.ApiVersion ?? string.Empty).Split('/')[0];
        var groupEnabled = group switch
        {
            NewGroup => !options.TraefikDisableNew,
            LegacyGroup => options.TraefikEnableLegacy,
            _ => false,
        };
        return groupEnabled && Kinds.Contains(route.Kind ?? string.Empty, StringComparer.Ordinal) && _settings.Publishes(Source)
            && _settings.Selects(route) && !Reader.IsControllerMismatch(route.Annotations);
    }

    /// <summary>
    /// The host names in a Traefik rule: every backquoted argument of <c>Host</c>, <c>HostHeader</c> and <c>HostSNI</c>
    /// calls (arguments containing a comma are not taken), <c>*</c> and empty ones left out.
    /// </summary>
    public static IEnumerable<string> RuleHosts(string? rule)
    {
        if (string.IsNullOrEmpty(rule))
        {
            yield break;
        }

        foreach (Match call in HostCall().Matches(rule))
        {
            foreach (Match value in BackquotedValue().Matches(call.Groups[1].Value))
            {
                var host = value.Groups[1].Value;
                if (host is not ("*" or ""))
                {
                    yield return host;
                }
            }
        }
    }

    public ObjectMapping Map(TraefikIngressRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var kind = route.Kind ?? "IngressRoute";
        var scope = new MappingScope(new ResourceRef(kind, route.Namespace, route.Name));
        var common = CommonAnnotations.Read(Reader, route.Annotations, scope);
        if (!common.IsUsable)
        {
            return scope.Result([]);
        }

        var options = _settings.Options;
        var hosts = new List<string>();
        if (!options.IgnoreHostnameAnnotation && Reader.TryGet(route.Annotations, AnnotationReader.Hostname, out var value, out var key))
        {
            hosts.AddRange(scope.ValidHostnames(AnnotationReader.SplitList(value), $"annotation {key} hostname", key));
        }

        if (kind != "IngressRouteUDP")
        {
            var ruleHosts = (route.Spec.Routes ?? []).SelectMany(r => RuleHosts(r.Match));
            hosts.AddRange(scope.ValidHostnames(ruleHosts, "spec.routes match host"));
        }

        var targets = common.Targets ?? [];
        var endpoints = new List<Endpoint>();
        if (hosts.Count > 0 && targets.Count == 0)
        {
            scope.Note($"{kind} has host names ({string.Join(", ", hosts.Distinct(StringComparer.Ordinal))}) but no {Reader.Key(AnnotationReader.Target)} annotation; Traefik routes have no status to take targets from, so nothing is published for it");
        }

        foreach (var host in hosts)
        {
            endpoints.AddRange(common.ForHostname(host, targets, scope.Resource));
        }

        if (_settings.Template is { } template && (options.CombineFqdnAnnotation || endpoints.Count == 0))
        {
            // Upstream's ApplyTemplates: --fqdn-template names get the targets of --target-template (plain records: no
            // TTL or properties from annotations); without a target template nothing is published for them.
            if (_settings.TargetTemplate is not { } targetTemplate)
            {
                scope.Note("traefik-proxy takes the targets of --fqdn-template names from --target-template; without it they are not published (as upstream)");
            }
            else if (ServiceMapper.TemplateNames(template, route, kind, route.ApiVersion ?? "traefik.io/v1alpha1", scope) is { } names
                && TemplateTargets(targetTemplate, route, kind, route.ApiVersion ?? "traefik.io/v1alpha1", scope) is { } templated)
            {
                foreach (var host in names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
                {
                    endpoints.AddRange(CommonAnnotations.EndpointsForHostname(host, templated, 0, [], string.Empty, scope.Resource));
                }
            }
        }

        return scope.Result(endpoints);
    }

    /// <summary>Runs <c>--target-template</c>; a failure leaves the object unresolved.</summary>
    private static List<string>? TemplateTargets(FqdnTemplate template, KubeObject obj, string kind, string apiVersion, MappingScope scope)
    {
        IReadOnlyList<string> raw;
        try
        {
            raw = template.Execute(TemplateData.From(obj, kind, apiVersion));
        }
        catch (TemplateExecutionException e)
        {
            scope.Unresolved($"--target-template \"{template.Text}\" failed: {e.Message}");
            return null;
        }

        return scope.ValidTargets([.. raw.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], "--target-template target");
    }

    [GeneratedRegex(@"(?:HostSNI|HostHeader|Host)\s*\(\s*(`.*?`)\s*\)")]
    private static partial Regex HostCall();

    [GeneratedRegex("`([^,`]+)`")]
    private static partial Regex BackquotedValue();
}

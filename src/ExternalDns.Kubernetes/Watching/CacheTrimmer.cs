using ExternalDns.Core.Collections;
using ExternalDns.Kubernetes.Models;
using ExternalDns.Kubernetes.Sources;

namespace ExternalDns.Kubernetes.Watching;

/// <summary>
/// Shrinks objects before they enter the watch cache. The models already hold only the fields the mapping reads; what
/// remains large is annotations (a <c>kubectl.kubernetes.io/last-applied-configuration</c> alone is often a few KB per
/// object). Only annotations the mapping can read are kept: ours (configured and legacy prefix), the ingress class,
/// and keys named by <c>--annotation-filter</c> — or all but the last-applied configuration when an
/// <c>--fqdn-template</c> or <c>--target-template</c> reads <c>.Annotations</c>. The labels of Services and Ingresses
/// are dropped unless something reads them (<c>--label-filter</c>, a template reading <c>.Labels</c>,
/// <c>--compatibility=molecule</c>); the labels of the other kinds are kept (selectors match Pods, Namespaces, Nodes and
/// Gateways by them). Repeated strings (namespaces, keys) are shared.
/// </summary>
public sealed class CacheTrimmer
{
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    // A TLS host is matched against at most this many rule hosts (an Ingress with thousands of each is not searched).
    private const int MaxRulesToMatch = 16;

    private readonly string _prefix;
    private readonly bool _keepAllAnnotations;
    private readonly bool _keepServiceAndIngressLabels;
    private readonly HashSet<string> _filterKeys;
    // Namespaces, keys and low-cardinality values, at most 64 characters; bounded so a hostile cluster cannot grow it.
    private readonly StringPool _pool = new(maxCount: 100_000, maxLength: 64);
    private readonly Lock _lock = new();

    public CacheTrimmer(MappingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _prefix = settings.Annotations.Prefix;
        var templates = settings.Options.FqdnTemplates.Concat(settings.Options.TargetTemplates).ToList();
        _keepAllAnnotations = templates.Any(t => t.Contains("Annotations", StringComparison.Ordinal));
        _keepServiceAndIngressLabels = !settings.LabelFilter.IsEmpty
            || templates.Any(t => t.Contains("Labels", StringComparison.Ordinal))
            || settings.Options.Compatibility == "molecule";
        _filterKeys = new HashSet<string>(settings.AnnotationFilter.Requirements.Select(r => r.Key), StringComparer.Ordinal);
    }

    public T Trim<T>(T obj)
        where T : KubeObject
    {
        ArgumentNullException.ThrowIfNull(obj);
        var meta = obj.Metadata;
        lock (_lock)
        {
            meta.Namespace = Share(meta.Namespace);
            obj.ApiVersion = Share(obj.ApiVersion);
            obj.Kind = Share(obj.Kind);
            meta.Annotations = TrimAnnotations(meta.Annotations);
            switch (obj)
            {
                case Service service:
                    TrimService(service);
                    break;
                case Ingress ingress:
                    TrimIngress(ingress);
                    break;
            }

            if (!_keepServiceAndIngressLabels && obj is Service or Ingress)
            {
                meta.Labels = null;
            }
            else if (meta.Labels is { Count: > 0 } labels)
            {
                meta.Labels = ShareEntries(labels, null);
            }
        }

        return obj;
    }

    /// <summary>True when the mapping may read this annotation.</summary>
    public bool Keeps(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key == LastAppliedAnnotation)
        {
            return false;
        }

        return _keepAllAnnotations
            || key.StartsWith(_prefix, StringComparison.Ordinal)
            || key.StartsWith(AnnotationReader.LegacyPrefix, StringComparison.Ordinal)
            || key.StartsWith(AnnotationReader.DefaultPrefix, StringComparison.Ordinal)
            || key == IngressMapper.IngressClassAnnotation
            || _filterKeys.Contains(key);
    }

    /// <summary>
    /// Shares the low-cardinality strings of a Service (type, traffic policy, port names and protocols, selector keys
    /// and values; a selector value equal to the Service's name, as Helm charts write it, becomes the name's instance),
    /// drops <c>spec.clusterIPs</c> (the mapping reads <c>spec.clusterIP</c> only) and trims the lists' spare capacity.
    /// </summary>
    private void TrimService(Service service)
    {
        var spec = service.Spec;
        spec.Type = Share(spec.Type);
        spec.ExternalTrafficPolicy = Share(spec.ExternalTrafficPolicy);
        spec.ClusterIPs = null;
        spec.ExternalIPs?.TrimExcess();
        if (spec.Ports is { } ports)
        {
            ports.TrimExcess();
            foreach (var port in ports)
            {
                port.Name = Share(port.Name);
                port.Protocol = Share(port.Protocol);
            }
        }

        if (spec.Selector is { Count: > 0 } selector)
        {
            spec.Selector = ShareEntries(selector, service.Metadata.Name);
        }

        service.Status.LoadBalancer.Ingress?.TrimExcess();
    }

    /// <summary>
    /// Shares the ingress class name; a TLS host equal to a rule host becomes the rule host's instance; trims the lists'
    /// spare capacity.
    /// </summary>
    private void TrimIngress(Ingress ingress)
    {
        var spec = ingress.Spec;
        spec.IngressClassName = Share(spec.IngressClassName);
        spec.Rules?.TrimExcess();
        if (spec.Tls is { } tls)
        {
            tls.TrimExcess();
            foreach (var entry in tls)
            {
                if (entry.Hosts is not { } hosts)
                {
                    continue;
                }

                hosts.TrimExcess();
                for (var i = 0; i < hosts.Count && (spec.Rules?.Count ?? 0) <= MaxRulesToMatch; i++)
                {
                    var rule = spec.Rules?.Find(r => r.Host == hosts[i]);
                    if (rule is not null)
                    {
                        hosts[i] = rule.Host!;
                    }
                }
            }
        }

        ingress.Status.LoadBalancer.Ingress?.TrimExcess();
    }

    private Dictionary<string, string>? TrimAnnotations(Dictionary<string, string>? annotations)
    {
        if (annotations is null || annotations.Count == 0)
        {
            return null;
        }

        Dictionary<string, string>? kept = null;
        foreach (var (k, v) in annotations)
        {
            if (Keeps(k))
            {
                (kept ??= new Dictionary<string, string>(StringComparer.Ordinal))[Share(k)!] = v;
            }
        }

        return kept;
    }

    private string? Share(string? s) => _pool.Share(s);

    /// <summary>A copy of <paramref name="map"/> with shared keys and values (a value equal to <paramref name="own"/> becomes that instance).</summary>
    private Dictionary<string, string> ShareEntries(Dictionary<string, string> map, string? own)
    {
        var shared = new Dictionary<string, string>(map.Count, StringComparer.Ordinal);
        foreach (var (k, v) in map)
        {
            shared[Share(k)!] = own is not null && v == own ? own : Share(v)!;
        }

        return shared;
    }
}

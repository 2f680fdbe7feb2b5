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

    private readonly string _prefix;
    private readonly bool _keepAllAnnotations;
    private readonly bool _keepServiceAndIngressLabels;
    private readonly HashSet<string> _filterKeys;
    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);
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
            meta.Annotations = TrimAnnotations(meta.Annotations);
            if (!_keepServiceAndIngressLabels && obj is Service or Ingress)
            {
                meta.Labels = null;
            }
            else if (meta.Labels is { Count: > 0 } labels)
            {
                var shared = new Dictionary<string, string>(labels.Count, StringComparer.Ordinal);
                foreach (var (k, v) in labels)
                {
                    shared[Share(k)!] = Share(v)!;
                }

                meta.Labels = shared;
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

    private string? Share(string? s)
    {
        if (s is null || s.Length > 64)
        {
            return s;
        }

        if (_pool.TryGetValue(s, out var shared))
        {
            return shared;
        }

        if (_pool.Count < 100_000)
        {
            _pool[s] = s;
        }

        return s;
    }
}

using ExternalDns.Core.Endpoints;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>
/// <see cref="MappingOptions"/> validated and compiled once: parsed selectors and templates, the annotation reader.
/// <see cref="Create"/> throws <see cref="ArgumentException"/> naming the flag when an option is invalid.
/// </summary>
public sealed class MappingSettings
{
    private static readonly string[] KnownServiceTypes = ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"];

    private MappingSettings(MappingOptions options, AnnotationReader annotations, LabelSelector labelFilter, LabelSelector annotationFilter, FqdnTemplate? template, IReadOnlySet<string>? serviceTypes, LabelSelector gatewayLabelFilter)
    {
        GatewayLabelFilter = gatewayLabelFilter;
        Options = options;
        Annotations = annotations;
        LabelFilter = labelFilter;
        AnnotationFilter = annotationFilter;
        Template = template;
        ServiceTypes = serviceTypes;
    }

    public MappingOptions Options { get; }

    public AnnotationReader Annotations { get; }

    public LabelSelector LabelFilter { get; }

    public LabelSelector AnnotationFilter { get; }

    /// <summary>The parsed <c>--gateway-label-filter</c>.</summary>
    public LabelSelector GatewayLabelFilter { get; }

    /// <summary>The compiled <c>--target-template</c>, or null when none is configured.</summary>
    public FqdnTemplate? TargetTemplate { get; private init; }

    /// <summary>The compiled <c>--fqdn-template</c>, or null when none is configured.</summary>
    public FqdnTemplate? Template { get; }

    /// <summary>The service types to map, or null for all.</summary>
    public IReadOnlySet<string>? ServiceTypes { get; }

    public static MappingSettings Create(MappingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = options.AnnotationPrefix;
        if (string.IsNullOrEmpty(prefix) || !prefix.EndsWith('/'))
        {
            throw new ArgumentException($"--annotation-prefix must end with '/' (got '{prefix}')", nameof(options));
        }

        LabelSelector labels;
        LabelSelector annotations;
        try
        {
            labels = LabelSelector.Parse(options.LabelFilter);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"--label-filter '{options.LabelFilter}' is invalid: {e.Message}", nameof(options), e);
        }

        try
        {
            annotations = LabelSelector.Parse(options.AnnotationFilter);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"--annotation-filter '{options.AnnotationFilter}' is invalid: {e.Message}", nameof(options), e);
        }

        LabelSelector gatewayLabels;
        try
        {
            gatewayLabels = LabelSelector.Parse(options.GatewayLabelFilter);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"--gateway-label-filter '{options.GatewayLabelFilter}' is invalid: {e.Message}", nameof(options), e);
        }

        if (options.PodSourceDomain.Length > 0 && DnsNames.Validate(options.PodSourceDomain.TrimEnd('.')) is { } domainProblem)
        {
            throw new ArgumentException($"--pod-source-domain '{options.PodSourceDomain}' is not a valid domain: {domainProblem}", nameof(options));
        }

        if (options.IngressClassNames.Count > 0 && annotations.Requirements.Any(r => r.Key == IngressMapper.IngressClassAnnotation))
        {
            throw new ArgumentException($"--ingress-class is mutually exclusive with the {IngressMapper.IngressClassAnnotation} annotation filter", nameof(options));
        }

        FqdnTemplate? template = null;
        FqdnTemplate? targetTemplate = null;
        if (options.FqdnTemplates.Any(t => !string.IsNullOrWhiteSpace(t)))
        {
            try
            {
                template = FqdnTemplate.Parse(options.FqdnTemplates);
            }
            catch (FormatException e)
            {
                throw new ArgumentException($"--fqdn-template is invalid: {e.Message}", nameof(options), e);
            }
        }

        if (options.TargetTemplates.Any(t => !string.IsNullOrWhiteSpace(t)))
        {
            try
            {
                targetTemplate = FqdnTemplate.Parse(options.TargetTemplates);
            }
            catch (FormatException e)
            {
                throw new ArgumentException($"--target-template is invalid: {e.Message}", nameof(options), e);
            }
        }

        if (options.IgnoreHostnameAnnotation && template is null)
        {
            throw new ArgumentException("--ignore-hostname-annotation requires --fqdn-template", nameof(options));
        }

        HashSet<string>? serviceTypes = null;
        if (options.ServiceTypeFilter.Count > 0 && !options.ServiceTypeFilter.Contains(string.Empty))
        {
            serviceTypes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var type in options.ServiceTypeFilter)
            {
                if (!KnownServiceTypes.Contains(type, StringComparer.Ordinal))
                {
                    throw new ArgumentException($"--service-type-filter: unsupported service type '{type}'; supported: {string.Join(", ", KnownServiceTypes)}", nameof(options));
                }

                serviceTypes.Add(type);
            }
        }

        foreach (var target in options.DefaultTargets)
        {
            if (TargetChecks.Validate(target) is { } reason)
            {
                throw new ArgumentException($"--default-targets: '{target}' {reason}", nameof(options));
            }
        }

        var reader = new AnnotationReader(prefix, options.ReadLegacyAnnotationPrefix);
        return new MappingSettings(options, reader, labels, annotations, template, serviceTypes, gatewayLabels) { TargetTemplate = targetTemplate };
    }

    /// <summary>True when objects of <paramref name="source"/> (a <c>--source</c> name) are published (see <see cref="MappingOptions.Sources"/>).</summary>
    public bool Publishes(string source) => Options.Sources is null || Options.Sources.Contains(source);

    /// <summary>True when the object passes <c>--namespace</c>, <c>--label-filter</c> and <c>--annotation-filter</c>.</summary>
    public bool Selects(Models.KubeObject obj, bool namespaced = true)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (namespaced && Options.Namespace.Length > 0 && obj.Namespace != Options.Namespace)
        {
            return false;
        }

        return AnnotationFilter.Matches(obj.Annotations) && LabelFilter.Matches(obj.Labels);
    }
}

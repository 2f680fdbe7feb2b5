using ExternalDns.Cli;
using ExternalDns.Kubernetes.Manifests;
using ExternalDns.Kubernetes.Sources;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Composition;

/// <summary>Builds the manifest source and the mapping options shared by every Kubernetes source.</summary>
public static class ManifestSourceFactory
{
    public static ManifestSource Create(ParsedFlags flags, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        return new ManifestSource(
            new ManifestSourceOptions { Paths = [.. flags.List("manifest-path")] },
            MappingOptions(flags),
            loggerFactory.CreateLogger<ManifestSource>());
    }

    /// <summary>The source flags, mapped once for every Kubernetes source.</summary>
    public static MappingOptions MappingOptions(ParsedFlags flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        return new MappingOptions
        {
            AnnotationPrefix = flags.String("annotation-prefix"),
            Namespace = flags.String("namespace"),
            LabelFilter = flags.String("label-filter"),
            AnnotationFilter = flags.String("annotation-filter"),
            IngressClassNames = [.. flags.List("ingress-class")],
            IgnoreIngressTlsSpec = flags.Bool("ignore-ingress-tls-spec"),
            IgnoreIngressRulesSpec = flags.Bool("ignore-ingress-rules-spec"),
            FqdnTemplates = [.. flags.List("fqdn-template")],
            CombineFqdnAnnotation = flags.Bool("combine-fqdn-annotation"),
            IgnoreHostnameAnnotation = flags.Bool("ignore-hostname-annotation"),
            DefaultTargets = [.. flags.List("default-targets")],
            ForceDefaultTargets = flags.Bool("force-default-targets"),
            PublishInternalServices = flags.Bool("publish-internal-services"),
            PublishHostIP = flags.Bool("publish-host-ip"),
            AlwaysPublishNotReadyAddresses = flags.Bool("always-publish-not-ready-addresses"),
            ServiceTypeFilter = [.. flags.List("service-type-filter")],
            ExcludeUnschedulable = flags.Bool("exclude-unschedulable"),
        };
    }
}

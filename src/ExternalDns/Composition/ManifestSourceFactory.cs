using ExternalDns.Core.Configuration;
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
        var mapping = MappingOptions(flags);
        mapping.PublishNodes = flags.Bool("manifest-publish-nodes");
        return new ManifestSource(
            new ManifestSourceOptions { Paths = [.. flags.List("manifest-path")] },
            mapping,
            loggerFactory.CreateLogger<ManifestSource>());
    }

    /// <summary>
    /// The source flags, mapped once for every Kubernetes source. <see cref="Kubernetes.Sources.MappingOptions.PublishNodes"/>
    /// is left false: the live source sets it from <c>--source=node</c>, the manifest source from <c>--manifest-publish-nodes</c>.
    /// </summary>
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
            ExposeInternalIpv6 = flags.Bool("expose-internal-ipv6"),
        };
    }
}

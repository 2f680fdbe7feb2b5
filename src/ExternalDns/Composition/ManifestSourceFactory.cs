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
        mapping.PublishPods = flags.Bool("manifest-publish-pods");
        try
        {
            return new ManifestSource(
                new ManifestSourceOptions { Paths = [.. flags.List("manifest-path")] },
                mapping,
                loggerFactory.CreateLogger<ManifestSource>());
        }
        catch (ArgumentException ex)
        {
            // An invalid source flag (a label selector that does not parse): exit code 2, naming the flag.
            throw new FlagException(ex.Message, ex);
        }
    }

    /// <summary>
    /// The source flags, mapped once for every Kubernetes source. <see cref="Kubernetes.Sources.MappingOptions.PublishNodes"/>
    /// and <see cref="Kubernetes.Sources.MappingOptions.PublishPods"/> are left false: the live source sets them from
    /// <c>--source=node</c>/<c>--source=pod</c>, the manifest source from <c>--manifest-publish-nodes</c>/<c>--manifest-publish-pods</c>.
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
            TargetTemplates = [.. flags.List("target-template")],
            CombineFqdnAnnotation = flags.Bool("combine-fqdn-annotation"),
            IgnoreHostnameAnnotation = flags.Bool("ignore-hostname-annotation"),
            DefaultTargets = [.. flags.List("default-targets")],
            ForceDefaultTargets = flags.Bool("force-default-targets"),
            PublishInternalServices = flags.Bool("publish-internal-services"),
            ResolveServiceLoadBalancerHostname = flags.Bool("resolve-service-load-balancer-hostname"),
            Compatibility = flags.String("compatibility"),
            PublishHostIP = flags.Bool("publish-host-ip"),
            AlwaysPublishNotReadyAddresses = flags.Bool("always-publish-not-ready-addresses"),
            ServiceTypeFilter = [.. flags.List("service-type-filter")],
            ExcludeUnschedulable = flags.Bool("exclude-unschedulable"),
            ExposeInternalIpv6 = flags.Bool("expose-internal-ipv6"),
            GatewayName = flags.String("gateway-name"),
            GatewayNamespace = flags.String("gateway-namespace"),
            GatewayLabelFilter = flags.String("gateway-label-filter"),
            GatewayListenerSets = flags.Bool("gateway-listener-sets"),
            TraefikEnableLegacy = flags.Bool("traefik-enable-legacy"),
            TraefikDisableNew = flags.Bool("traefik-disable-new"),
            PodSourceDomain = flags.String("pod-source-domain"),
            IgnoreNonHostNetworkPods = flags.Bool("ignore-non-host-network-pods"),
        };
    }
}

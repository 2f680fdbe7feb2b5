using ExternalDns.Cli;
using ExternalDns.Core.Configuration;
using ExternalDns.Kubernetes.Client;
using ExternalDns.Kubernetes.Registry;
using ExternalDns.Kubernetes.Sources;
using ExternalDns.Kubernetes.Watching;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Composition;

/// <summary>The Kubernetes side of the composition: flags to API client, live source, Events and leader election options.</summary>
public static class KubernetesComposer
{
    public static readonly IReadOnlyList<string> LiveSources =
    [
        "service", "ingress", "crd", "node", "gateway-httproute", "gateway-grpcroute", "gateway-tlsroute", "gateway-tcproute",
        "gateway-udproute", "traefik-proxy", "istio-gateway", "istio-virtualservice", "contour-httpproxy", "pod",
    ];

    public static bool NeedsCluster(ParsedFlags flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        return flags.List("source").Any(LiveSources.Contains) || flags.Bool("leader-elect") || flags.String("registry") == "crd";
    }

    /// <summary>
    /// <c>--registry=crd</c>: ownership in DNSRecord objects in <c>--crd-registry-namespace</c>, by default the namespace
    /// ExternalDNS runs in (the kubeconfig context's or the in-cluster service account's namespace), as upstream.
    /// </summary>
    public static CrdRegistry CrdRegistry(ParsedFlags flags, Core.Providers.IDnsProvider provider, KubeApiClient client, ILoggerFactory loggerFactory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var ns = flags.String("crd-registry-namespace");
        if (string.IsNullOrEmpty(ns))
        {
            ns = string.IsNullOrEmpty(client.DefaultNamespace) ? "default" : client.DefaultNamespace;
        }

        return new CrdRegistry(provider, client, ns, flags.String("txt-owner-id"), time, loggerFactory.CreateLogger<CrdRegistry>());
    }

    public static KubeClientOptions ClientOptions(ParsedFlags flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        return new KubeClientOptions
        {
            KubeConfig = NullIfEmpty(flags.String("kubeconfig")),
            Server = NullIfEmpty(flags.String("server")),
            Qps = flags.Int("kube-api-qps"),
            Burst = flags.Int("kube-api-burst"),
            RequestTimeout = flags.Duration("kube-api-request-timeout"),
        };
    }

    /// <summary>Loads the kubeconfig (or in-cluster configuration) and builds the client. Throws <see cref="KubeConfigException"/> naming the file, context or credential.</summary>
    public static KubeApiClient Client(ParsedFlags flags, Func<string, string?> environment, ILoggerFactory loggerFactory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(environment);
        var options = ClientOptions(flags);
        var loader = new KubeConfigLoader(loggerFactory.CreateLogger<KubeConfigLoader>()) { GetEnvironmentVariable = environment };
        return new KubeApiClient(loader.Load(options), options, handler: null, time, loggerFactory.CreateLogger<KubeApiClient>());
    }

    public static KubernetesSource Source(ParsedFlags flags, KubeApiClient client, ILoggerFactory loggerFactory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var sources = flags.List("source");
        MappingSettings mapping;
        try
        {
            var options = ManifestSourceFactory.MappingOptions(flags);
            options.PublishNodes = sources.Contains("node");
            options.PublishPods = sources.Contains("pod");
            options.Sources = [.. sources.Where(LiveSources.Contains)];
            mapping = MappingSettings.Create(options);
        }
        catch (ArgumentException ex)
        {
            throw new FlagException(ex.Message, ex);
        }

        return new KubernetesSource(
            client,
            new KubernetesSourceOptions
            {
                Services = sources.Contains("service"),
                Ingresses = sources.Contains("ingress"),
                DnsEndpoints = sources.Contains("crd"),
                Nodes = sources.Contains("node"),
                GatewayRouteSources = [.. sources.Where(s => s.StartsWith("gateway-", StringComparison.Ordinal))],
                GatewayNamespace = flags.String("gateway-namespace"),
                GatewayLabelSelector = flags.String("gateway-label-filter"),
                GatewayListenerSets = flags.Bool("gateway-listener-sets"),
                Traefik = sources.Contains("traefik-proxy"),
                TraefikEnableLegacy = flags.Bool("traefik-enable-legacy"),
                TraefikDisableNew = flags.Bool("traefik-disable-new"),
                IstioGateways = sources.Contains("istio-gateway"),
                IstioVirtualServices = sources.Contains("istio-virtualservice"),
                ContourHttpProxies = sources.Contains("contour-httpproxy"),
                Pods = sources.Contains("pod"),
                Namespace = flags.String("namespace"),
                LabelSelector = flags.String("label-filter"),
                ServiceTypes = flags.List("service-type-filter"),
                InitialSyncTimeout = flags.Duration("kube-api-request-timeout") > TimeSpan.Zero ? flags.Duration("kube-api-request-timeout") * 2 : TimeSpan.FromSeconds(60),
                InformerDefaults = new InformerOptions { PageSize = ListPageSize(flags) },
                IncrementalMerge = flags.Bool("events"),
            },
            mapping,
            time,
            loggerFactory);
    }

    private static int ListPageSize(ParsedFlags flags)
    {
        var size = flags.Int("kube-api-list-page-size");
        return size >= 0 ? size : throw new FlagException($"--kube-api-list-page-size must be 0 (no paging) or more, not {size}");
    }

    /// <summary>Events, leader election and client settings for <see cref="KubernetesHooks"/>.</summary>
    public static KubernetesHooksOptions HooksOptions(ParsedFlags flags, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(environment);
        LeaderElectionOptions? election = null;
        if (flags.Bool("leader-elect") && !flags.Bool("once"))
        {
            election = new LeaderElectionOptions
            {
                LeaseName = flags.String("leader-election-lease-name"),
                LeaseNamespace = NullIfEmpty(flags.String("leader-election-namespace")),
                LeaseDuration = flags.Duration("leader-election-lease-duration"),
                RenewDeadline = flags.Duration("leader-election-renew-deadline"),
                RetryPeriod = flags.Duration("leader-election-retry-period"),
            };
            if (environment("POD_NAME") is { Length: > 0 } pod)
            {
                election.Identity = pod;
            }
        }

        return new KubernetesHooksOptions
        {
            WriteEvents = flags.Bool("kubernetes-events") && !flags.Bool("dry-run"),
            EmitReasons = flags.IsSet("events-emit") ? new HashSet<string>(flags.List("events-emit"), StringComparer.Ordinal) : null,
            LeaderElection = election,
            Client = ClientOptions(flags),
        };
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}

using ExternalDns.Cli;
using ExternalDns.Kubernetes.Client;
using ExternalDns.Kubernetes.Sources;
using ExternalDns.Kubernetes.Watching;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Composition;

/// <summary>The Kubernetes side of the composition: API client, live source, Events, leader election.</summary>
public static class KubernetesComposer
{
    public static readonly IReadOnlyList<string> LiveSources = ["service", "ingress", "crd", "node"];

    public static bool NeedsCluster(ParsedFlags flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        return flags.List("source").Any(LiveSources.Contains) || flags.Bool("leader-elect");
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
    public static KubeApiClient Client(ParsedFlags flags, ILoggerFactory loggerFactory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var options = ClientOptions(flags);
        var configuration = new KubeConfigLoader(loggerFactory.CreateLogger<KubeConfigLoader>()).Load(options);
        return new KubeApiClient(configuration, options, handler: null, time, loggerFactory.CreateLogger<KubeApiClient>());
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
                Namespace = flags.String("namespace"),
                LabelSelector = flags.String("label-filter"),
                ServiceTypes = flags.List("service-type-filter"),
                InitialSyncTimeout = flags.Duration("kube-api-request-timeout") > TimeSpan.Zero ? flags.Duration("kube-api-request-timeout") * 2 : TimeSpan.FromSeconds(60),
            },
            mapping,
            time,
            loggerFactory);
    }

    public static LeaderElector Elector(ParsedFlags flags, KubeApiClient client, ILoggerFactory loggerFactory, TimeProvider time, out KubeApiClient leaseClient)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var options = new LeaderElectionOptions
        {
            LeaseName = flags.String("leader-election-lease-name"),
            LeaseNamespace = NullIfEmpty(flags.String("leader-election-namespace")),
            LeaseDuration = flags.Duration("leader-election-lease-duration"),
            RenewDeadline = flags.Duration("leader-election-renew-deadline"),
            RetryPeriod = flags.Duration("leader-election-retry-period"),
        };
        if (Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod)
        {
            options.Identity = pod;
        }

        // The Lease gets its own client: renewals must never queue behind the informers' lists and watches in the shared
        // rate limiter (a leader that cannot renew in time stops writing). Renewals are a few requests a second at most.
        leaseClient = new KubeApiClient(client.Configuration, new KubeClientOptions { Qps = 0, RequestTimeout = ClientOptions(flags).RequestTimeout }, handler: null, time, loggerFactory.CreateLogger<KubeApiClient>());
        return new LeaderElector(new KubeLeaseStore(leaseClient), options, client.Configuration.Namespace, time, loggerFactory.CreateLogger<LeaderElector>());
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}

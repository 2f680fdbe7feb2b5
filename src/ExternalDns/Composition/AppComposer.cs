using ExternalDns.Cli;
using ExternalDns.Core.Configuration;
using ExternalDns.Core.Controller;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Core.Providers.Modules;
using ExternalDns.Core.Registry;
using ExternalDns.Core.Sources;
using ExternalDns.Providers.Webhook;
using ExternalDns.Providers.Webhook.Server;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Composition;

/// <summary>
/// The one place where flags become options and options become components. Each component gets its own small
/// options object; nothing else reads flags.
/// </summary>
public static partial class AppComposer
{
    public static AppComponents Build(ParsedFlags flags, Func<string, string?> environment, ILoggerFactory loggerFactory, TimeProvider time, MetricRegistry metrics)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var http = new ProviderHttpFactory(metrics, time, loggerFactory);
        _ = new WebhookMetrics(metrics); // upstream registers the webhook provider's metrics whatever the provider
        var provider = Provider(flags, environment, loggerFactory, time, http);
        var kubernetes = KubernetesComposer.NeedsCluster(flags) ? KubernetesComposer.Client(flags, environment, loggerFactory, time) : null;
        var live = kubernetes is not null && flags.List("source").Any(KubernetesComposer.LiveSources.Contains)
            ? KubernetesComposer.Source(flags, kubernetes, loggerFactory, time)
            : null;
        var source = Sources(flags, loggerFactory, live);
        var cached = Cached(provider, flags, time, metrics);
        IRegistry registry = flags.String("registry") switch
        {
            "noop" => new NoopRegistry(cached),
            "crd" => KubernetesComposer.CrdRegistry(flags, cached, kubernetes!, loggerFactory, time),
            _ => new TxtRegistry(cached, TxtOptions(flags), time, loggerFactory.CreateLogger<TxtRegistry>()),
        };

        return new AppComponents(source, provider, registry)
        {
            Kubernetes = kubernetes,
            Live = live,
            Run = RunOptions(flags),
            Controller = ControllerOptions(flags),
            Hooks = KubernetesComposer.HooksOptions(flags, environment),
            RetryBudget = http.Budget,
        };
    }

    /// <summary>Builds the provider <c>--provider</c> names through its module (which maps and validates its own flags).</summary>
    public static IDnsProvider Provider(ParsedFlags flags, Func<string, string?> environment, ILoggerFactory loggerFactory, TimeProvider time, ProviderHttpFactory http)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(http);
        var name = flags.String("provider");
        var module = ProviderModules.Find(name) ?? throw new FlagException($"--provider={name}: unknown provider (options: {string.Join(", ", ProviderModules.Names)})");
        return module.Create(name, flags, new ProviderContext
        {
            LoggerFactory = loggerFactory,
            Time = time,
            Environment = environment,
            DomainFilter = UserDomainFilter(flags),
            Metrics = http.Metrics,
            Http = http,
        });
    }

    public static RunOptions RunOptions(ParsedFlags flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        return new RunOptions
        {
            Once = flags.Bool("once"),
            DryRun = flags.Bool("dry-run"),
            Events = flags.Bool("events"),
            PlanFormat = flags.String("plan-format"),
            MetricsAddress = flags.String("metrics-address"),
            LogLevel = flags.String("log-level"),
            JsonLogs = flags.String("log-format") == "json",
            WebhookServer = flags.Bool("webhook-server"),
        };
    }

    /// <summary>How <c>--webhook-server</c> listens: upstream's <c>--webhook-provider-*</c> limits, our address, <c>--dry-run</c>.</summary>
    public static WebhookServerOptions WebhookServerOptions(ParsedFlags flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        return WebhookModule.ServerOptions(flags) with
        {
            Address = flags.String("webhook-server-address"),
            DryRun = flags.Bool("dry-run"),
        };
    }

    /// <summary>The provider wrapped in the <c>--provider-cache-time</c> cache when one is set (as upstream's provider factory).</summary>
    /// <summary>The provider behind <c>--provider-cache-time</c>; upstream's cache metrics are registered in <paramref name="metrics"/> whatever the flag.</summary>
    public static IDnsProvider Cached(IDnsProvider provider, ParsedFlags flags, TimeProvider time, MetricRegistry metrics)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var cacheMetrics = new ProviderCacheMetrics(metrics);
        var cacheTime = flags.Duration("provider-cache-time");
        return cacheTime > TimeSpan.Zero ? new CachingProvider(provider, cacheTime, time, cacheMetrics) : provider;
    }

    public static ControllerOptions ControllerOptions(ParsedFlags flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        if (!PolicyNames.TryParse(flags.String("policy"), out var policy))
        {
            throw new FlagException($"--policy=\"{flags.String("policy")}\": invalid value (options: {string.Join(", ", PolicyNames.All)})");
        }

        return new ControllerOptions
        {
            DryRun = flags.Bool("dry-run"),
            Interval = flags.Duration("interval"),
            MinEventSyncInterval = flags.Duration("min-event-sync-interval"),
            Policy = policy,
            DomainFilter = UserDomainFilter(flags),
            ManagedRecordTypes = flags.List("managed-record-types"),
            ExcludeRecordTypes = flags.List("exclude-record-types"),
            OldOwnerId = NullIfEmpty(flags.String("migrate-from-txt-owner")),
            IncrementalEventPasses = ProviderModules.Find(flags.String("provider")) is { } module
                && IncrementalPlanning.Supported(flags.String("registry"), module),
        };
    }

    public static DomainFilter UserDomainFilter(ParsedFlags flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        return DomainFilter.FromFlags(
            flags.List("domain-filter"),
            flags.List("exclude-domains"),
            flags.String("regex-domain-filter"),
            flags.String("regex-domain-exclusion"));
    }

    public static TxtRegistryOptions TxtOptions(ParsedFlags flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        return new TxtRegistryOptions
        {
            OwnerId = flags.String("txt-owner-id"),
            Prefix = flags.String("txt-prefix"),
            Suffix = flags.String("txt-suffix"),
            WildcardReplacement = flags.String("txt-wildcard-replacement"),
            EncryptEnabled = flags.Bool("txt-encrypt-enabled"),
            EncryptAesKey = flags.String("txt-encrypt-aes-key"),
            CacheInterval = flags.Duration("txt-cache-interval"),
            MigrateFromOwner = flags.String("migrate-from-txt-owner"),
            ManagedRecordTypes = flags.List("managed-record-types"),
            ExcludeRecordTypes = flags.List("exclude-record-types"),
        };
    }

    private static SourcePipeline Sources(ParsedFlags flags, ILoggerFactory loggerFactory, ISource? live)
    {
        var sources = new List<ISource>();
        if (live is not null)
        {
            sources.Add(live);
        }

        foreach (var name in flags.List("source").Distinct(StringComparer.Ordinal))
        {
            if (KubernetesComposer.LiveSources.Contains(name))
            {
                continue;
            }

            sources.Add(name switch
            {
                "manifest" => ManifestSourceFactory.Create(flags, loggerFactory),
                _ => throw new FlagException($"--source={name}: unknown source"),
            });
        }

        var pipelineLogger = loggerFactory.CreateLogger<SourcePipeline>();
        return new SourcePipeline(sources, flags.Duration("min-ttl"))
        {
            PreferAlias = flags.Bool("prefer-alias"),
            HostnameResolver = flags.Bool("resolve-service-load-balancer-hostname") ? DnsHostnameResolver.FromFlag(flags.String("load-balancer-hostname-resolver")) : null,
            Nat64Networks = Networks(flags, "nat64-networks", Nat64Records.ParsePrefixes),
            TargetFilter = new TargetNetFilter(Networks(flags, "target-net-filter", Cidrs), Networks(flags, "exclude-target-net", Cidrs)),
            PtrManaged = flags.List("managed-record-types").Contains(RecordTypes.PTR, StringComparer.Ordinal),
            CreatePtr = flags.Bool("create-ptr"),
            Warn = message => LogPipelineNotice(pipelineLogger, message),
        };
    }

    /// <summary>Parses a repeatable flag of networks in CIDR notation; a bad value is a <see cref="FlagException"/> naming the flag.</summary>
    public static IReadOnlyList<System.Net.IPNetwork> Networks(ParsedFlags flags, string name, Func<IEnumerable<string>, IReadOnlyList<System.Net.IPNetwork>> parse)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(parse);
        try
        {
            return parse(flags.List(name));
        }
        catch (FormatException ex)
        {
            throw new FlagException($"--{name}: {ex.Message}", ex);
        }
    }

    private static List<System.Net.IPNetwork> Cidrs(IEnumerable<string> values)
    {
        var result = new List<System.Net.IPNetwork>();
        foreach (var value in values)
        {
            if (!Cidr.TryParse(value, out var network))
            {
                throw new FormatException($"\"{value}\" is not a network in CIDR notation (examples: 10.0.0.0/8, 2001:db8::/32)");
            }

            result.Add(network);
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message}")]
    private static partial void LogPipelineNotice(ILogger logger, string message);

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}

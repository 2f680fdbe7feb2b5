using ExternalDns.Cli;
using ExternalDns.Core.Controller;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.InMemory;
using ExternalDns.Core.Registry;
using ExternalDns.Core.Sources;
using ExternalDns.Providers.PowerDns;
using ExternalDns.Providers.Rfc2136;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Composition;

/// <summary>
/// The one place where flags become options and options become components. Each component gets its own small
/// options object; nothing else reads flags.
/// </summary>
public static class AppComposer
{
    public static AppComponents Build(ParsedFlags flags, ILoggerFactory loggerFactory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var kubernetes = KubernetesComposer.NeedsCluster(flags) ? KubernetesComposer.Client(flags, loggerFactory, time) : null;
        var live = kubernetes is not null && flags.List("source").Any(KubernetesComposer.LiveSources.Contains)
            ? KubernetesComposer.Source(flags, kubernetes, loggerFactory, time)
            : null;
        var source = Sources(flags, loggerFactory, live);
        var provider = Provider(flags, loggerFactory, time);
        var cacheTime = flags.Duration("provider-cache-time");
        var cached = cacheTime > TimeSpan.Zero ? new CachingProvider(provider, cacheTime, time) : provider;
        IRegistry registry = flags.String("registry") switch
        {
            "noop" => new NoopRegistry(cached),
            _ => new TxtRegistry(cached, TxtOptions(flags), time, loggerFactory.CreateLogger<TxtRegistry>()),
        };

        return new AppComponents(source, provider, registry) { Kubernetes = kubernetes, Live = live };
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

    private static IDnsProvider Provider(ParsedFlags flags, ILoggerFactory loggerFactory, TimeProvider time)
    {
        var filter = UserDomainFilter(flags);
        return flags.String("provider") switch
        {
            "inmemory" => new InMemoryProvider(new InMemoryProviderOptions { Zones = flags.List("inmemory-zone") }),
            "rfc2136" => new Rfc2136Provider(
                new Rfc2136ProviderOptions
                {
                    Hosts = [flags.String("rfc2136-host")],
                    Port = flags.Int("rfc2136-port"),
                    Zones = [.. flags.List("rfc2136-zone")],
                    Insecure = flags.Bool("rfc2136-insecure"),
                    TsigKeyName = flags.String("rfc2136-tsig-keyname"),
                    TsigSecret = flags.String("rfc2136-tsig-secret"),
                    TsigSecretAlg = flags.String("rfc2136-tsig-secret-alg"),
                    Axfr = flags.Bool("rfc2136-axfr"),
                    MinTtl = flags.Duration("rfc2136-min-ttl"),
                    BatchChangeSize = flags.Int("rfc2136-batch-change-size"),
                },
                loggerFactory.CreateLogger<Rfc2136Provider>(),
                filter,
                time),
            "pdns" => new PowerDnsProvider(
                new PowerDnsProviderOptions
                {
                    Server = flags.String("pdns-server"),
                    ServerId = flags.String("pdns-server-id"),
                    ApiKey = flags.String("pdns-api-key"),
                    SkipTlsVerify = flags.Bool("pdns-skip-tls-verify"),
                },
                filter,
                loggerFactory.CreateLogger<PowerDnsProvider>(),
                timeProvider: time),
            var other => throw new FlagException($"--provider={other}: unknown provider"),
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

        return new SourcePipeline(sources, flags.Duration("min-ttl"));
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}

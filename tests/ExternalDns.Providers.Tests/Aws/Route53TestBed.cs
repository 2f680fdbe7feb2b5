using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Registry;
using ExternalDns.Providers.Aws;
using ExternalDns.Testing;
using ExternalDns.Testing.Route53;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Providers.Tests.Aws;

/// <summary>A Route53 emulator, credentials, and a way to build providers against it and run full reconciles (registry + planner).</summary>
public sealed class Route53TestBed : IAsyncDisposable
{
    public const string AccessKey = "AKIAEXTERNALDNSTEST";
    public const string Secret = "s3cr3t/Route53+EmulatorKey0123456789abcd";

    private Route53TestBed(Route53Emulator emulator)
    {
        Emulator = emulator;
        Environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_ACCESS_KEY_ID"] = AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = Secret,
            ["AWS_ENDPOINT_URL_ROUTE_53"] = emulator.BaseAddress.ToString(),
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_REGION"] = "eu-west-1",
        };
    }

    public Route53Emulator Emulator { get; }

    public Dictionary<string, string> Environment { get; }

    public ListLogger<AwsProvider> Log { get; } = new();

    public MetricRegistry Metrics { get; } = new();

    /// <summary>The HTTP stack of the last provider built.</summary>
    public ProviderHttpFactory Http { get; private set; } = null!;

    public static async Task<Route53TestBed> StartAsync()
    {
        var emulator = await Route53Emulator.StartAsync();
        emulator.AddCredentials(AccessKey, Secret);
        return new Route53TestBed(emulator);
    }

    /// <summary>Options for tests: no pause between batches, short backoff.</summary>
    public static AwsProviderOptions Options() => new() { BatchChangeInterval = TimeSpan.Zero, InitialBackoff = TimeSpan.FromMilliseconds(5) };

    public AwsProvider Provider(AwsProviderOptions? options = null, DomainFilter? domainFilter = null, TimeProvider? time = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var env = new Dictionary<string, string>(environment ?? Environment, StringComparer.Ordinal);
        var o = options ?? Options();
        o = o with { Endpoint = o.Endpoint ?? new Uri(Environment["AWS_ENDPOINT_URL_ROUTE_53"]) };
        var clock = time ?? TimeProvider.System;
        var loggers = new SingleLoggerFactory(Log);
        Http = new ProviderHttpFactory(Metrics, clock, loggers, () => new SocketsHttpHandler());
        return AwsModule.CreateProvider(o, name => env.GetValueOrDefault(name), loggers, domainFilter ?? DomainFilter.All, Http);
    }

    /// <summary>One reconcile as the controller runs it: registry records, adjust, plan (sync), apply. Returns the plan.</summary>
    public static async Task<Changes> SyncAsync(AwsProvider provider, IReadOnlyList<Endpoint> desired, string owner = "test-owner", Policy policy = Policy.Sync, IReadOnlyCollection<string>? managed = null)
    {
        var registry = new TxtRegistry(provider, new TxtRegistryOptions { OwnerId = owner });
        var current = await registry.RecordsAsync(CancellationToken.None);
        var adjusted = registry.AdjustEndpoints([.. desired.Select(e => e.Clone())]);
        var plan = Planner.Calculate(current, adjusted, new PlanOptions
        {
            Policy = policy,
            DomainFilters = [provider.DomainFilter],
            OwnerId = owner,
            ManagedRecordTypes = managed ?? RecordTypes.DefaultManaged,
        });
        if (plan.Changes.HasChanges)
        {
            await registry.ApplyChangesAsync(plan.Changes, CancellationToken.None);
        }

        return plan.Changes;
    }

    public static Endpoint Ep(string name, string type, params string[] targets) => new(name, type, targets);

    public async ValueTask DisposeAsync() => await Emulator.DisposeAsync();

    private sealed class SingleLoggerFactory(ILogger logger) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) =>
            categoryName.Contains("AwsProvider", StringComparison.Ordinal) || categoryName.Contains("ProviderHttp", StringComparison.Ordinal) ? logger : NullLogger.Instance;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }
}

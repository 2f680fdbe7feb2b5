using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Registry;
using ExternalDns.Providers.Azure;
using ExternalDns.Testing;
using ExternalDns.Testing.Azure;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Tests.Azure;

/// <summary>An <see cref="AzureDnsEmulator"/>, providers wired to it with a service principal, and a one-call
/// reconcile (TXT registry, planner, apply) for provider tests.</summary>
internal sealed class AzureTestHarness : IAsyncDisposable, ILoggerFactory
{
    public const string Rg = "dns-rg";

    private readonly List<IDisposable> _providers = [];

    private AzureTestHarness(AzureDnsEmulator emulator)
    {
        Emulator = emulator;
    }

    public AzureDnsEmulator Emulator { get; }

    public ListLogger<AzureProvider> Logger { get; } = new();

    public MetricRegistry Metrics { get; } = new();

    public static async Task<AzureTestHarness> StartAsync(AzureDnsEmulatorOptions? options = null) =>
        new(await AzureDnsEmulator.StartAsync(options));

    public AzureProviderOptions Options(bool isPrivate = false, string resourceGroup = Rg, int pageSize = 1000, string? secret = null) => new()
    {
        Private = isPrivate,
        SubscriptionId = Emulator.Options.SubscriptionId,
        ResourceGroup = resourceGroup,
        Credential = new AzureCredentialSettings
        {
            Kind = AzureCredentialKind.ClientSecret,
            TenantId = Emulator.Options.TenantId,
            ClientId = Emulator.Options.ClientId,
            ClientSecret = secret ?? Emulator.Options.ClientSecret,
        },
        AuthorityHost = Emulator.BaseAddress,
        DisableInstanceDiscovery = true,
        ResourceManagerEndpoint = Emulator.BaseAddress,
        Audience = Emulator.Options.Audience,
        PageSize = pageSize,
        MaxRetries = 0,
    };

    /// <summary>The provider as the module builds it, on the shared HTTP plumbing (retries, Retry-After) over a
    /// handler that trusts the emulator's CA. Backoff and Retry-After are capped at 20 ms so that retries cost no time.</summary>
    public AzureProvider Provider(AzureProviderOptions options, DomainFilter? domainFilter = null, TimeProvider? time = null)
    {
        var clock = time ?? TimeProvider.System;
        var http = new ProviderHttpFactory(Metrics, clock, this, Emulator.CreateHttpMessageHandler);
        var arm = options.ArmHttp;
        var fast = new ProviderHttpOptions
        {
            Provider = arm.Provider,
            MaxRetries = arm.MaxRetries,
            InitialBackoff = TimeSpan.FromMilliseconds(5),
            MaxBackoff = TimeSpan.FromMilliseconds(20),
            MaxRetryAfter = TimeSpan.FromMilliseconds(20),
        };
        var provider = AzureProvider.Create(options, domainFilter ?? DomainFilter.All, this, clock, http.CreateHandler(fast), http.CreateHandler(options.IdentityHttp));
        _providers.Add(provider);
        return provider;
    }

    /// <summary>One reconcile as the controller runs it: registry records, adjust, plan, apply. Returns the plan.</summary>
    public static async Task<Changes> SyncAsync(AzureProvider provider, IReadOnlyList<Endpoint> desired, string owner = "test", bool apply = true)
    {
        var registry = new TxtRegistry(provider, new TxtRegistryOptions { OwnerId = owner });
        var current = await registry.RecordsAsync(CancellationToken.None);
        var adjusted = registry.AdjustEndpoints(desired);
        var plan = Planner.Calculate(current, adjusted, new PlanOptions
        {
            OwnerId = owner,
            DomainFilters = [registry.DomainFilter],
            ManagedRecordTypes = ["A", "AAAA", "CNAME", "MX", "SRV", "TXT"],
        });
        if (apply && plan.Changes.HasChanges)
        {
            await registry.ApplyChangesAsync(plan.Changes, CancellationToken.None);
        }

        return plan.Changes;
    }

    public static Endpoint A(string name, params string[] targets) => new(name, "A", targets);

    public async ValueTask DisposeAsync()
    {
        _providers.ForEach(p => p.Dispose());
        await Emulator.DisposeAsync();
    }

    public ILogger CreateLogger(string categoryName) => Logger;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}

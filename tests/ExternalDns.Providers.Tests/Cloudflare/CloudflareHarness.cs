using ExternalDns.Core.Controller;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Registry;
using ExternalDns.Providers.Cloudflare;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Testing.Cloudflare;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Providers.Tests.Cloudflare;

/// <summary>
/// The emulator, a provider pointed at it (fast retries, no pause between batches unless asked), the TXT registry and
/// the real reconciler over a <see cref="StaticSource"/>: one call runs one reconcile as the controller does.
/// </summary>
public sealed class CloudflareHarness : IAsyncDisposable
{
    public const string Owner = "test-owner";

    private CloudflareHarness(CloudflareApiServer server)
    {
        Server = server;
    }

    public CloudflareApiServer Server { get; }

    public CloudflareTestLogs Logs { get; } = new();

    public StaticSource Source { get; } = new();

    public CloudflareProvider Provider { get; private set; } = null!;

    public TxtRegistry Registry { get; private set; } = null!;

    public Reconciler Reconciler { get; private set; } = null!;

    public static CloudflareProviderOptions FastOptions(CloudflareApiServer server) => new()
    {
        BaseUrl = server.BaseUrl,
        BatchChangeInterval = TimeSpan.Zero,
        Http = new ProviderHttpOptions { Provider = "cloudflare", InitialBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(5), MaxRetryAfter = TimeSpan.FromMilliseconds(5) },
    };

    public static async Task<CloudflareHarness> StartAsync(Func<CloudflareProviderOptions, CloudflareProviderOptions>? configure = null, DomainFilter? domainFilter = null,
        CloudflareApiServerOptions? serverOptions = null, TimeProvider? time = null)
    {
        var server = await CloudflareApiServer.StartAsync(serverOptions);
        var harness = new CloudflareHarness(server);
        var options = FastOptions(server);
        options = configure?.Invoke(options) ?? options;
        harness.Build(options, domainFilter ?? DomainFilter.All, time);
        return harness;
    }

    /// <summary>Replaces the provider (same emulator), for a fresh process's view.</summary>
    public void Build(CloudflareProviderOptions options, DomainFilter domainFilter, TimeProvider? time = null)
    {
        Provider?.Dispose();
        Provider = CloudflareProvider.Create(options, CloudflareCredentials.FromToken(Server.Token), domainFilter, Logs, Http(time, Logs));
        Registry = new TxtRegistry(Provider, new TxtRegistryOptions { OwnerId = Owner });
        Reconciler = new Reconciler(Source, Registry, new ControllerOptions(), new ControllerMetrics(new MetricRegistry()), TimeProvider.System, NullLogger<Reconciler>.Instance);
    }

    /// <summary>A fresh HTTP stack (its own retry budget and metrics) on <paramref name="time"/>.</summary>
    public static ProviderHttpFactory Http(TimeProvider? time = null, Microsoft.Extensions.Logging.ILoggerFactory? logs = null) =>
        new(new MetricRegistry(), time ?? TimeProvider.System, logs ?? NullLoggerFactory.Instance);

    public Task<ReconcileOutcome> ReconcileAsync() => Reconciler.RunOnceAsync(CancellationToken.None);

    public static Endpoint Ep(string name, string type, params string[] targets) => new(name, type, targets);

    public async ValueTask DisposeAsync()
    {
        Provider.Dispose();
        await Server.DisposeAsync();
    }
}

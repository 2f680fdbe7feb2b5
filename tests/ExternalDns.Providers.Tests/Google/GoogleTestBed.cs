using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Core.Providers.Modules;
using ExternalDns.Providers.Google;
using ExternalDns.Providers.Google.Api;
using ExternalDns.Testing.Google;

namespace ExternalDns.Providers.Tests.Google;

/// <summary>A Cloud DNS emulator, a service account key file pointing at it, and providers built the way the module
/// builds them (fast intervals).</summary>
public sealed class GoogleTestBed : IAsyncDisposable
{
    public const string Project = "test-project";

    private readonly string _dir;
    private readonly List<GoogleProvider> _providers = [];

    private GoogleTestBed(CloudDnsEmulator emulator, GoogleTestServiceAccount account, string dir)
    {
        Emulator = emulator;
        Account = account;
        _dir = dir;
        KeyFile = account.WriteTo(Path.Combine(dir, "key.json"));
        Environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["GOOGLE_APPLICATION_CREDENTIALS"] = KeyFile };
    }

    public CloudDnsEmulator Emulator { get; }

    public GoogleTestServiceAccount Account { get; }

    public string KeyFile { get; }

    public Dictionary<string, string> Environment { get; }

    public CapturingLoggerFactory Logs { get; } = new();

    public static async Task<GoogleTestBed> StartAsync(CloudDnsEmulatorOptions? options = null)
    {
        var emulator = await CloudDnsEmulator.StartAsync(options);
        var dir = Path.Combine(Path.GetTempPath(), "externaldns-google-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return new GoogleTestBed(emulator, emulator.CreateServiceAccount(), dir);
    }

    public string WriteFile(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    public GoogleProviderOptions Options(Func<GoogleProviderOptions, GoogleProviderOptions>? edit = null)
    {
        var options = new GoogleProviderOptions
        {
            Project = Project,
            ApiEndpoint = new Uri(Emulator.ApiEndpoint),
            BatchChangeInterval = TimeSpan.Zero,
            ChangePollInterval = TimeSpan.FromMilliseconds(5),
        };
        return edit is null ? options : edit(options);
    }

    /// <summary>The shared HTTP stack of the providers built here (metrics, budget).</summary>
    public MetricRegistry Metrics { get; } = new();

    public GoogleProvider Provider(GoogleProviderOptions? options = null, DomainFilter? domainFilter = null, CloudDnsRetryOptions? retry = null, int httpRetries = 3)
    {
        var http = new ProviderHttpFactory(Metrics, TimeProvider.System, Logs);
        var context = new ProviderContext
        {
            LoggerFactory = Logs,
            Time = TimeProvider.System,
            Environment = name => Environment.GetValueOrDefault(name),
            DomainFilter = domainFilter ?? DomainFilter.All,
            Metrics = Metrics,
            Http = http,
        };
        var provider = GoogleModule.Build(
            options ?? Options(), context, http, resetBudgetPerReconcile: true,
            new ProviderHttpOptions { Provider = GoogleModule.MetricsName, InitialBackoff = TimeSpan.FromMilliseconds(5), MaxBackoff = TimeSpan.FromMilliseconds(20), MaxRetries = httpRetries },
            retry ?? new CloudDnsRetryOptions { InitialBackoff = TimeSpan.FromMilliseconds(5), MaxBackoff = TimeSpan.FromMilliseconds(20), TryConsumeBudget = http.Budget.TryConsume });
        _providers.Add(provider);
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        Account.Dispose();
        await Emulator.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}

using ExternalDns.Core.Metrics;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Testing;

namespace ExternalDns.Core.Tests.Http;

/// <summary>A factory over a <see cref="ScriptedHandler"/>, on a fake clock, with pinned jitter (0 unless given).</summary>
public sealed class HttpRig : IDisposable
{
    public const string Url = "https://api.test:8443/api/v1/servers/localhost/zones?secret-query=s3cr3t";

    public HttpRig(ProviderHttpOptions? options = null, RetryBudget? budget = null, Func<double>? jitter = null)
    {
        Options = options ?? new ProviderHttpOptions
        {
            Provider = "pdns",
            Timeout = Timeout.InfiniteTimeSpan,
            InitialBackoff = TimeSpan.FromSeconds(1),
            MaxBackoff = TimeSpan.FromSeconds(8),
        };
        Metrics = new MetricRegistry(Time);
        Factory = new ProviderHttpFactory(Metrics, Time, Logs, () => Handler, budget ?? new RetryBudget()) { Jitter = jitter ?? (() => 0) };
        Client = Factory.CreateClient(Options);
    }

    public FakeTimeProvider Time { get; } = new();

    public MetricRegistry Metrics { get; }

    public ListLoggerFactory Logs { get; } = new();

    public ScriptedHandler Handler { get; } = new();

    public ProviderHttpOptions Options { get; }

    public ProviderHttpFactory Factory { get; }

    public HttpClient Client { get; }

    /// <summary>The waits the clock was moved through while the last call ran.</summary>
    public List<TimeSpan> Waits { get; } = [];

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default) =>
        Time.DriveAsync(Client.SendAsync(request, cancellationToken), Waits);

    public Task<HttpResponseMessage> GetAsync(string operation = "ListZones") =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, Url).WithOperation(operation));

    public double ApiCalls(string outcome, string operation = "ListZones") =>
        ((Metric)Metrics.Find("external_dns_provider_api_calls_total")!).Get(Options.Provider, operation, outcome);

    public void Dispose() => Client.Dispose();
}

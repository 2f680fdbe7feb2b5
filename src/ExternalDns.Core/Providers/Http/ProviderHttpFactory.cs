using ExternalDns.Core.Metrics;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Core.Providers.Http;

/// <summary>
/// Builds the HTTP handler stack every HTTP provider uses, outermost first:
/// <list type="number">
/// <item>retries (<see cref="RetryHandler"/>): body buffered and re-sent; 429, 5xx, connection failures and timeouts
/// retried with jittered exponential backoff or the server's capped <c>Retry-After</c>, within
/// <see cref="ProviderHttpOptions.MaxRetries"/> and the shared <see cref="Budget"/>; then the last answer is returned,
/// or a <see cref="ProviderTransientException"/> thrown for a network failure or timeout;</item>
/// <item>instrumentation, once per attempt: upstream's <c>external_dns_http_request_duration_seconds</c>,
/// <c>external_dns_provider_api_calls_total</c>, a Debug line (method, path, status, time — never headers or bodies);</item>
/// <item>the per-attempt timeout, which also reads the answer body (up to <see cref="ProviderHttpOptions.MaxResponseBytes"/>);</item>
/// <item>the primary handler: a <see cref="SocketsHttpHandler"/> with the options' TLS settings, or the one tests inject.</item>
/// </list>
/// </summary>
public sealed class ProviderHttpFactory
{
    private readonly ProviderHttpMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly Func<HttpMessageHandler>? _primary;

    /// <param name="metrics">Where the HTTP metrics are registered.</param>
    /// <param name="time">Clock of timeouts, backoff and durations.</param>
    /// <param name="loggers">Logger factory (category <c>ExternalDns.Core.Providers.Http.ProviderHttpFactory</c>).</param>
    /// <param name="primary">
    /// Tests: makes the innermost handler (called once per <see cref="CreateHandler"/>; the stack never disposes it, its
    /// maker does). Null: a <see cref="SocketsHttpHandler"/> with the TLS settings of the options, disposed with the stack.
    /// </param>
    public ProviderHttpFactory(MetricRegistry metrics, TimeProvider time, ILoggerFactory loggers, Func<HttpMessageHandler>? primary = null)
        : this(metrics, time, loggers, primary, new RetryBudget())
    {
    }

    /// <param name="metrics">Where the HTTP metrics are registered.</param>
    /// <param name="time">Clock of timeouts, backoff and durations.</param>
    /// <param name="loggers">Logger factory.</param>
    /// <param name="primary">Tests: makes the innermost handler (never disposed by the stack); null for a <see cref="SocketsHttpHandler"/>.</param>
    /// <param name="budget">The retry budget shared by every handler of this factory.</param>
    public ProviderHttpFactory(MetricRegistry metrics, TimeProvider time, ILoggerFactory loggers, Func<HttpMessageHandler>? primary, RetryBudget budget)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(budget);
        _metrics = new ProviderHttpMetrics(metrics);
        Metrics = metrics;
        _time = time;
        _loggers = loggers;
        _primary = primary;
        Budget = budget;
    }

    /// <summary>The registry the HTTP metrics go to (the one <c>/metrics</c> serves).</summary>
    public MetricRegistry Metrics { get; }

    /// <summary>The retry budget of every handler made here (one per process); the composer calls <see cref="RetryBudget.Reset"/> at the start of every reconcile.</summary>
    public RetryBudget Budget { get; }

    /// <summary>The clock the handlers use (for providers' own backoff, with <see cref="Resilience.JitteredBackoff"/>).</summary>
    public TimeProvider Time => _time;

    /// <summary>Tests: the source of backoff jitter r in [0, 1) (null = random). A delay is <c>base × (1 + r)</c>.</summary>
    public Func<double>? Jitter { get; init; }

    /// <summary>
    /// The handler stack for one API client: <c>new HttpClient(handler, disposeHandler: true)</c> with
    /// <c>Timeout = InfiniteTimeSpan</c> (the stack times each attempt), or use <see cref="CreateClient"/>.
    /// Throws <see cref="ProviderConfigurationException"/> when a TLS file cannot be used.
    /// </summary>
    public HttpMessageHandler CreateHandler(ProviderHttpOptions options)
    {
        Validate(options);
        var logger = _loggers.CreateLogger<ProviderHttpFactory>();
        HttpMessageHandler primary;
        if (_primary is not null)
        {
            primary = new NonDisposingHandler(_primary());
        }
        else
        {
            var ssl = ProviderTls.ClientOptions(options);
            primary = new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                SslOptions = ssl,
            };
        }

        if (options.SkipTlsVerify)
        {
            ProviderHttpLog.TlsVerificationDisabled(logger, options.Provider);
        }

        var timeout = new AttemptTimeoutHandler(options, _time, primary);
        var instrumented = new InstrumentedHandler(options, _metrics, _time, logger, timeout);
        return new RetryHandler(options, Budget, _time, logger, Jitter, instrumented);
    }

    /// <summary>An <see cref="HttpClient"/> over <see cref="CreateHandler"/> (disposes it), with no client-wide timeout.</summary>
    public HttpClient CreateClient(ProviderHttpOptions options) =>
        new(CreateHandler(options), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

    private static void Validate(ProviderHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Provider, nameof(options));
        if (options.Timeout <= TimeSpan.Zero && options.Timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"{options.Provider}: the HTTP timeout must be positive (got {options.Timeout})", nameof(options));
        }

        if (options.MaxRetries < 0 || options.InitialBackoff < TimeSpan.Zero || options.MaxBackoff < TimeSpan.Zero || options.MaxRetryAfter < TimeSpan.Zero || options.MaxResponseBytes < 0)
        {
            throw new ArgumentException($"{options.Provider}: retries, backoff, Retry-After cap and response size limit must not be negative", nameof(options));
        }
    }

    /// <summary>Forwards to a handler the stack does not own (tests' fakes), so disposing the stack leaves it usable.</summary>
    private sealed class NonDisposingHandler(HttpMessageHandler inner) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _invoker = new(inner, disposeHandler: false);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            _invoker.SendAsync(request, cancellationToken);
    }
}

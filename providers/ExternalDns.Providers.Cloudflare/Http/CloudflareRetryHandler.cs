using System.Security.Cryptography;
using ExternalDns.Core.Providers;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Cloudflare.Http;

/// <summary>
/// Retries 429, 5xx, connection failures and per-attempt timeouts with jittered exponential backoff, honouring
/// <c>Retry-After</c> (seconds or an HTTP date, capped). When the retries run out, the last response is returned (the
/// client maps its status); a network failure or timeout becomes a <see cref="ProviderTransientException"/> naming the
/// method, path and host, never a header or the query. Other statuses are returned at once.
/// </summary>
public sealed partial class CloudflareRetryHandler : DelegatingHandler
{
    private readonly CloudflareRetryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public CloudflareRetryHandler(CloudflareRetryOptions options, TimeProvider time, ILogger logger, HttpMessageHandler inner)
        : base(inner)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Waits taken so far (for tests and benchmarks).</summary>
    public int Retries { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        var backoff = _options.InitialBackoff;
        for (var attempt = 0; ; attempt++)
        {
            var last = attempt >= _options.MaxRetries;
            string reason;
            Exception? failure;
            TimeSpan? retryAfter = null;
            using (var timeout = new CancellationTokenSource(_options.Timeout, _time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            {
                try
                {
                    var response = await base.SendAsync(request, linked.Token).ConfigureAwait(false);
                    var status = (int)response.StatusCode;
                    if (status != 429 && status < 500)
                    {
                        return response;
                    }

                    if (last)
                    {
                        return response;
                    }

                    retryAfter = RetryAfter(response);
                    reason = $"HTTP {status}";
                    failure = null;
                    response.Dispose();
                }
                catch (HttpRequestException ex)
                {
                    reason = ex.HttpRequestError == HttpRequestError.Unknown ? "connection failed" : ex.HttpRequestError.ToString();
                    failure = ex;
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    reason = $"no answer within {_options.Timeout.TotalSeconds:0.###} s";
                    failure = ex;
                }
            }

            if (failure is not null && last)
            {
                throw new ProviderTransientException(
                    $"Cloudflare API {request.Method} {request.RequestUri?.AbsolutePath} at {request.RequestUri?.Host}: {reason} (after {attempt + 1} attempts)", failure);
            }

            var jittered = backoff + TimeSpan.FromTicks((long)(backoff.Ticks * (RandomNumberGenerator.GetInt32(0, 1001) / 1000.0)));
            var delay = retryAfter is { } ra ? (ra > _options.MaxRetryAfter ? _options.MaxRetryAfter : ra) : (jittered > _options.MaxBackoff ? _options.MaxBackoff : jittered);
            backoff = backoff + backoff > _options.MaxBackoff ? _options.MaxBackoff : backoff + backoff;
            Retries++;
            LogRetry(_logger, request.Method.Method, request.RequestUri?.AbsolutePath ?? string.Empty, reason, attempt + 1, delay);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Cloudflare {Method} {Path}: {Reason} (attempt {Attempt}); retrying in {Delay}")]
    private static partial void LogRetry(ILogger logger, string method, string path, string reason, int attempt, TimeSpan delay);
}

using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using ExternalDns.Core.Resilience;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Core.Providers.Http;

/// <summary>
/// The outermost handler: buffers the request body so it can be sent again, retries 429, 5xx, connection failures and
/// timeouts with jittered exponential backoff (or the server's capped <c>Retry-After</c>) while both the per-request
/// <see cref="ProviderHttpOptions.MaxRetries"/> and the shared <see cref="RetryBudget"/> allow, waiting through the
/// <see cref="TimeProvider"/>. When it stops, the last answer is returned (the caller maps its status); a last
/// network failure or timeout becomes a <see cref="ProviderTransientException"/>. Other 4xx and cancellation by the
/// caller are never retried.
/// </summary>
internal sealed class RetryHandler : DelegatingHandler
{
    private readonly ProviderHttpOptions _options;
    private readonly RetryBudget _budget;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<double>? _jitter;

    public RetryHandler(ProviderHttpOptions options, RetryBudget budget, TimeProvider time, ILogger logger, Func<double>? jitter, HttpMessageHandler inner)
        : base(inner)
    {
        _options = options;
        _budget = budget;
        _time = time;
        _logger = logger;
        _jitter = jitter;
    }

    /// <summary>True for the answers worth another attempt: 429 and every 5xx.</summary>
    public static bool IsRetryable(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>True for failures worth another attempt: timeouts and connection failures; not TLS handshake failures (a configuration problem).</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        ProviderHttpResponseTooLargeException => false,
        HttpRequestException { InnerException: AuthenticationException } => false,
        HttpRequestException or TimeoutException or IOException or SocketException => true,
        _ => false,
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        var operation = request.GetOperation();
        var path = ProviderHttpText.Path(request);
        var backoff = new JitteredBackoff(_options.InitialBackoff, _options.MaxBackoff, _jitter);
        for (var attempt = 1; ; attempt++)
        {
            request.Options.Set(ProviderHttpRequest.Attempts, attempt);
            HttpResponseMessage? response = null;
            Exception? failure = null;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                response.RequestMessage ??= request; // callers read GetAttempts() from it
            }
            catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                failure = e;
            }

            if (response is not null && !IsRetryable(response.StatusCode))
            {
                return response;
            }

            var reason = response is not null ? $"HTTP {(int)response.StatusCode}" : ProviderHttpText.Reason(failure!, request);
            var wait = RetryAfter(response) ?? backoff.Next();
            string? stop = null;
            if (attempt > _options.MaxRetries)
            {
                stop = $"{_options.MaxRetries} retries done";
            }
            else if (!_budget.TryConsume(wait))
            {
                stop = $"the retry budget of this run is spent ({_budget.RetriesUsed} of {_budget.MaxRetries} retries, {_budget.WaitUsed.TotalSeconds:0.###} s of {_budget.MaxTotalWait.TotalSeconds:0.###} s waiting)";
            }

            if (stop is not null)
            {
                ProviderHttpLog.GivingUp(_logger, _options.Provider, operation, request.Method.Method, path, attempt, reason, stop);
                if (response is not null)
                {
                    return response;
                }

                throw new ProviderTransientException(
                    $"{_options.Provider} {operation}: {request.Method.Method} {ProviderHttpText.Location(request)} failed after {attempt} attempt{(attempt == 1 ? string.Empty : "s")}: {reason}",
                    failure!);
            }

            ProviderHttpLog.Retrying(_logger, _options.Provider, operation, request.Method.Method, path, attempt, reason, wait);
            response?.Dispose();
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The server's <c>Retry-After</c> (delta seconds or HTTP date), capped at <see cref="ProviderHttpOptions.MaxRetryAfter"/>; null when absent.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        TimeSpan? wait = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - _time.GetUtcNow(),
            _ => null,
        };
        if (wait is not { } w)
        {
            return null;
        }

        return w < TimeSpan.Zero ? TimeSpan.Zero : w > _options.MaxRetryAfter ? _options.MaxRetryAfter : w;
    }
}

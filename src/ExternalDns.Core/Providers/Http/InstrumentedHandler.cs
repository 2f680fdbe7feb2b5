using System.Globalization;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Core.Providers.Http;

/// <summary>
/// Measures each attempt (inside the retries, as upstream's instrumented transport sits under the SDKs' retries):
/// <c>external_dns_http_request_duration_seconds{scheme,host,path,method,status}</c> (status empty when there was no
/// answer, as upstream), <c>external_dns_provider_api_calls_total{provider,operation,outcome}</c>, and a Debug line
/// with method, path, status and time.
/// </summary>
internal sealed class InstrumentedHandler : DelegatingHandler
{
    private readonly ProviderHttpOptions _options;
    private readonly ProviderHttpMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public InstrumentedHandler(ProviderHttpOptions options, ProviderHttpMetrics metrics, TimeProvider time, ILogger logger, HttpMessageHandler inner)
        : base(inner)
    {
        _options = options;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var operation = request.GetOperation();
        var path = ProviderHttpText.Path(request);
        int? status = null;
        string? outcome = null;
        string? failure = null;
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            outcome = ProviderHttpOutcome.FromStatus(status.Value);
            return response;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            failure = "cancelled by the caller"; // not an outcome of the API: not counted in api_calls_total
            throw;
        }
        catch (ProviderHttpResponseTooLargeException e)
        {
            status = e.StatusCode;
            outcome = ProviderHttpOutcome.FromStatus(e.StatusCode);
            failure = e.Message;
            throw;
        }
        catch (Exception e)
        {
            outcome = e is TimeoutException ? ProviderHttpOutcome.Timeout : ProviderHttpOutcome.NetworkError;
            failure = ProviderHttpText.Reason(e, request);
            throw;
        }
        finally
        {
            var elapsed = _time.GetElapsedTime(started);
            var uri = request.RequestUri;
            _metrics.RequestDuration.WithLabels(
                uri is { IsAbsoluteUri: true } ? uri.Scheme : string.Empty,
                ProviderHttpText.Host(request),
                ProviderHttpText.LastSegment(request),
                request.Method.Method,
                status?.ToString(CultureInfo.InvariantCulture) ?? string.Empty).Observe(elapsed.TotalSeconds);
            if (outcome is not null)
            {
                _metrics.ApiCalls.WithLabels(_options.Provider, operation, outcome).Inc();
            }

            if (failure is null)
            {
                ProviderHttpLog.Answered(_logger, _options.Provider, operation, request.Method.Method, path, status ?? 0, elapsed);
            }
            else
            {
                ProviderHttpLog.Failed(_logger, _options.Provider, operation, request.Method.Method, path, elapsed, failure);
            }
        }
    }
}

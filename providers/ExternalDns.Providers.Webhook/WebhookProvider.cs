using System.Text.Json;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Providers.Webhook.Json;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Webhook;

/// <summary>
/// <c>--provider=webhook</c>: any provider that speaks upstream ExternalDNS's webhook protocol (usually a sidecar on
/// localhost). The first call negotiates (<c>GET /</c>, retried on 5xx, refused connections and timeouts, up to
/// <see cref="WebhookProviderOptions.NegotiationAttempts"/> times; the answer must carry exactly
/// <see cref="WebhookProtocol.MediaType"/> and the webhook's domain filter, which the controller then intersects with
/// the user's). Then <c>GET /records</c>, <c>POST /records</c> (answered 204) and <c>POST /adjustendpoints</c>, whose
/// answer replaces the desired endpoints before planning. As upstream, these are not retried within a run: 500–510 is
/// a <see cref="ProviderTransientException"/> (the next run retries), any other unexpected status a
/// <see cref="WebhookException"/>; a refused connection or a timeout is transient (upstream would exit). Answers are
/// read through a <see cref="BoundedReadStream"/> of <c>--webhook-provider-max-body-size</c>.
/// </summary>
public sealed class WebhookProvider : IDnsProvider, IDisposable
{
    private const double BackoffMultiplier = 1.5;
    private const double BackoffJitter = 0.5;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);

    private readonly WebhookProviderOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly WebhookMetrics _metrics;
    private readonly HttpClient _http;
    private readonly Uri _negotiateUri;
    private readonly Uri _recordsUri;
    private readonly Uri _adjustUri;
    private readonly SemaphoreSlim _negotiation = new(1, 1);
    private volatile DomainFilter? _domainFilter;

    /// <param name="options">The <c>--webhook-provider-*</c> flags.</param>
    /// <param name="logger">Logger (method, path and status at debug level; never a body).</param>
    /// <param name="metrics">Where upstream's <c>external_dns_webhook_provider_*</c> metrics are registered.</param>
    /// <param name="time">Clock of the timeouts and the negotiation backoff; null for the system clock.</param>
    /// <param name="handler">The HTTP handler (tests inject one; it is not disposed); null for a new socket handler.</param>
    public WebhookProvider(WebhookProviderOptions options, ILogger<WebhookProvider> logger, MetricRegistry metrics, TimeProvider? time = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(metrics);
        if (!options.Url.IsAbsoluteUri || options.Url.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"the webhook URL {options.DisplayUrl} is not an http(s) URL", nameof(options));
        }

        _options = options;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _metrics = new WebhookMetrics(metrics);
        _http = handler is null
            ? new HttpClient(new SocketsHttpHandler(), disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan; // each request gets its own deadline, body included
        _negotiateUri = options.Url;
        _recordsUri = Join(options.Url, WebhookProtocol.RecordsPath);
        _adjustUri = Join(options.Url, WebhookProtocol.AdjustEndpointsPath);
    }

    /// <summary>The webhook's domain filter once negotiated (the first call of any method negotiates); before that, every name.</summary>
    public DomainFilter DomainFilter => _domainFilter ?? DomainFilter.All;

    /// <summary>True once the negotiation succeeded.</summary>
    public bool IsNegotiated => _domainFilter is not null;

    /// <summary>
    /// Negotiates once (later calls return the known filter). Throws <see cref="ProviderConfigurationException"/> when the
    /// webhook answers 3xx/4xx, the wrong media type or a body that is not a domain filter, and
    /// <see cref="ProviderTransientException"/> when every attempt failed with 5xx, a refused connection or a timeout
    /// (the next call negotiates again).
    /// </summary>
    public async Task<DomainFilter> NegotiateAsync(CancellationToken cancellationToken)
    {
        if (_domainFilter is { } known)
        {
            return known;
        }

        await _negotiation.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_domainFilter is { } negotiated)
            {
                return negotiated;
            }

            var filter = await NegotiateWithRetriesAsync(cancellationToken).ConfigureAwait(false);
            WebhookLog.Negotiated(_logger, _options.DisplayUrl, filter.IsConfigured ? filter.ToString() : "every name");
            _domainFilter = filter;
            return filter;
        }
        finally
        {
            _negotiation.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Endpoint>> RecordsAsync(CancellationToken cancellationToken)
    {
        await NegotiateAsync(cancellationToken).ConfigureAwait(false);
        _metrics.RecordsRequests.Inc();
        try
        {
            return await SendAsync(HttpMethod.Get, _recordsUri, body: null, accept: true, expectedStatus: 200, WebhookJson.ReadEndpointsAsync, "endpoint list", cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _metrics.RecordsErrors.Inc();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task ApplyChangesAsync(Changes changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await NegotiateAsync(cancellationToken).ConfigureAwait(false);
        _metrics.ApplyChangesRequests.Inc();
        try
        {
            await SendAsync<object?>(HttpMethod.Post, _recordsUri, WebhookJson.WriteChanges(changes), accept: false, expectedStatus: 204, read: null, "answer", cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _metrics.ApplyChangesErrors.Inc();
            throw;
        }
    }

    /// <summary>Not available synchronously: the webhook adjusts endpoints over HTTP (the controller calls <see cref="AdjustEndpointsAsync"/>).</summary>
    public IReadOnlyList<Endpoint> AdjustEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        throw new NotSupportedException("the webhook provider adjusts endpoints over HTTP: call AdjustEndpointsAsync (a decorator must forward it)");

    /// <summary><c>POST /adjustendpoints</c>: the webhook's answer becomes the desired endpoints.</summary>
    public async Task<IReadOnlyList<Endpoint>> AdjustEndpointsAsync(IReadOnlyList<Endpoint> endpoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        await NegotiateAsync(cancellationToken).ConfigureAwait(false);
        _metrics.AdjustEndpointsRequests.Inc();
        try
        {
            return await SendAsync(HttpMethod.Post, _adjustUri, WebhookJson.WriteEndpoints(endpoints), accept: true, expectedStatus: 200, WebhookJson.ReadEndpointsAsync, "endpoint list", cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _metrics.AdjustEndpointsErrors.Inc();
            throw;
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _negotiation.Dispose();
    }

    private static Uri Join(Uri baseUri, string path)
    {
        var builder = new UriBuilder(baseUri) { Query = string.Empty, Fragment = string.Empty };
        builder.Path = builder.Path.TrimEnd('/') + path;
        return builder.Uri;
    }

    private static string Describe(HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        return string.IsNullOrEmpty(response.ReasonPhrase) ? code.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{code} ({response.ReasonPhrase})";
    }

    private static string? RawContentType(HttpResponseMessage response)
    {
        if (response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var values))
        {
            foreach (var value in values)
            {
                return value;
            }
        }

        return null;
    }

    private async Task<DomainFilter> NegotiateWithRetriesAsync(CancellationToken cancellationToken)
    {
        var wait = _options.NegotiationBackoff;
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            using (var timeout = NewDeadline())
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            {
                try
                {
                    using var request = NewRequest(HttpMethod.Get, _negotiateUri, body: null, accept: true);
                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                    var status = (int)response.StatusCode;
                    WebhookLog.Request(_logger, "GET", _negotiateUri.AbsolutePath, status);
                    if (status >= 500)
                    {
                        failure = $"answered {Describe(response)}";
                    }
                    else if (status >= 300)
                    {
                        throw new ProviderConfigurationException($"{Where("GET /")} (negotiation) answered {Describe(response)}; a webhook provider answers 200 with its domain filter (not retried: only 5xx is)");
                    }
                    else
                    {
                        return await ReadNegotiationAsync(response, linked.Token).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    failure = $"no answer within {_options.RequestTimeout.TotalSeconds:0.###}s";
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException)
                {
                    failure = timeout.IsCancellationRequested ? $"no answer within {_options.RequestTimeout.TotalSeconds:0.###}s" : ex.Message;
                }
            }

            if (attempt >= _options.NegotiationAttempts)
            {
                throw new ProviderTransientException($"{Where("GET /")} (negotiation) failed {attempt} times, the last: {failure}");
            }

            var delay = Jitter(wait);
            WebhookLog.NegotiationRetry(_logger, _options.DisplayUrl, attempt, _options.NegotiationAttempts, failure, delay);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            wait = TimeSpan.FromTicks(Math.Min((long)(wait.Ticks * BackoffMultiplier), MaxBackoff.Ticks));
        }
    }

    private async Task<DomainFilter> ReadNegotiationAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var contentType = RawContentType(response);
        if (contentType != WebhookProtocol.MediaType)
        {
            throw new ProviderConfigurationException(
                $"{Where("GET /")} (negotiation) answered Content-Type \"{contentType ?? string.Empty}\", not \"{WebhookProtocol.MediaType}\": the webhook does not speak this version of the protocol");
        }

        try
        {
            return await ReadBodyAsync(response, WebhookJson.ReadDomainFilterAsync, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new ProviderConfigurationException($"{Where("GET /")} (negotiation): the answer is not a domain filter: {ex.Message}", ex);
        }
        catch (BodyTooLargeException ex)
        {
            throw new ProviderConfigurationException($"{Where("GET /")} (negotiation): {ex.Message}", ex);
        }
    }

    private async Task<T> SendAsync<T>(
        HttpMethod method,
        Uri uri,
        byte[]? body,
        bool accept,
        int expectedStatus,
        Func<Stream, CancellationToken, Task<T>>? read,
        string what,
        CancellationToken cancellationToken)
    {
        var operation = $"{method.Method} {uri.AbsolutePath}";
        using var timeout = NewDeadline();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = NewRequest(method, uri, body, accept);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            WebhookLog.Request(_logger, method.Method, uri.AbsolutePath, status);
            if (status != expectedStatus)
            {
                var message = $"{Where(operation)} answered {Describe(response)}, expected {expectedStatus}";
                throw WebhookProtocol.IsTransientStatus(status) ? new ProviderTransientException(message) : new WebhookException(message);
            }

            return read is null ? default! : await ReadBodyAsync(response, read, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ProviderTransientException($"{Where(operation)}: {NoAnswer}", ex);
        }
        catch (JsonException ex)
        {
            throw new WebhookException($"{Where(operation)}: the answer is not a valid {what}: {ex.Message}", ex);
        }
        catch (BodyTooLargeException ex)
        {
            throw new WebhookException($"{Where(operation)}: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // A refused or dropped connection; an interrupted body read surfaces as an IOException.
            throw new ProviderTransientException(
                timeout.IsCancellationRequested ? $"{Where(operation)}: {NoAnswer}" : $"{Where(operation)} failed: {ex.Message}", ex);
        }
    }

    private async Task<T> ReadBodyAsync<T>(HttpResponseMessage response, Func<Stream, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var limit = _options.MaxBodySize;
        if (limit > 0 && response.Content.Headers.ContentLength > limit)
        {
            throw new BodyTooLargeException($"the answer announces {response.Content.Headers.ContentLength} bytes, more than {limit} (--webhook-provider-max-body-size)");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            if (limit <= 0)
            {
                return await read(stream, cancellationToken).ConfigureAwait(false);
            }

            var bounded = new BoundedReadStream(stream, limit);
            await using (bounded.ConfigureAwait(false))
            {
                return await read(bounded, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static HttpRequestMessage NewRequest(HttpMethod method, Uri uri, byte[]? body, bool accept)
    {
        var request = new HttpRequestMessage(method, uri);
        if (accept)
        {
            // Added without validation so that the media type goes out exactly as upstream spells it (no space after ';').
            request.Headers.TryAddWithoutValidation("Accept", WebhookProtocol.MediaType);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", WebhookProtocol.MediaType);
        }

        return request;
    }

    private CancellationTokenSource NewDeadline() =>
        _options.RequestTimeout > TimeSpan.Zero ? new CancellationTokenSource(_options.RequestTimeout, _time) : new CancellationTokenSource();

    private string Where(string operation) => $"webhook {_options.DisplayUrl}: {operation}";

    private string NoAnswer =>
        $"no complete answer within {_options.RequestTimeout.TotalSeconds:0.###}s (--webhook-provider-read-timeout plus --webhook-provider-write-timeout)";

    private static TimeSpan Jitter(TimeSpan wait)
    {
#pragma warning disable CA5394 // Jitter, not security.
        var factor = 1 + (BackoffJitter * ((2 * Random.Shared.NextDouble()) - 1));
#pragma warning restore CA5394
        return wait * factor;
    }
}

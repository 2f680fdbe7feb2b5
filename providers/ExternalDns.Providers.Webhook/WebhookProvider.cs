using System.Text.Json;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Http;
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
/// <see cref="WebhookException"/>; a refused connection or a timeout is transient (upstream would exit).
/// Requests go through the shared HTTP stack (<see cref="ProviderHttpFactory"/>, provider label <c>webhook</c>) with no
/// retries of its own: it times each request (read plus write timeout, answer body included), reads the answer into a
/// buffer bounded by <c>--webhook-provider-max-body-size</c>, measures it (upstream's
/// <c>external_dns_http_request_duration_seconds</c>) and logs method, path and status at debug level.
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
    /// <param name="logger">Logger.</param>
    /// <param name="http">The shared HTTP stack (its clock also paces the negotiation backoff; its registry gets the metrics).</param>
    public WebhookProvider(WebhookProviderOptions options, ILogger<WebhookProvider> logger, ProviderHttpFactory http)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(http);
        if (!options.Url.IsAbsoluteUri || options.Url.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"the webhook URL {options.DisplayUrl} is not an http(s) URL", nameof(options));
        }

        _options = options;
        _logger = logger;
        _time = http.Time;
        _metrics = new WebhookMetrics(http.Metrics);
        _http = http.CreateClient(new ProviderHttpOptions
        {
            Provider = "webhook",
            Timeout = options.RequestTimeout > TimeSpan.Zero ? options.RequestTimeout : Timeout.InfiniteTimeSpan,
            MaxRetries = 0, // upstream retries only the negotiation, with its own backoff (below)
            MaxResponseBytes = options.MaxBodySize,
            CaFile = NullIfEmpty(options.CaFile),
            ClientCertFile = NullIfEmpty(options.ClientCertFile),
            ClientKeyFile = NullIfEmpty(options.ClientKeyFile),
        });
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
            return await SendAsync(HttpMethod.Get, _recordsUri, "Records", body: null, accept: true, expectedStatus: 200, WebhookJson.ReadEndpointsAsync, "endpoint list", cancellationToken).ConfigureAwait(false);
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
            await SendAsync<object?>(HttpMethod.Post, _recordsUri, "ApplyChanges", WebhookJson.WriteChanges(changes), accept: false, expectedStatus: 204, read: null, "answer", cancellationToken).ConfigureAwait(false);
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
            return await SendAsync(HttpMethod.Post, _adjustUri, "AdjustEndpoints", WebhookJson.WriteEndpoints(endpoints), accept: true, expectedStatus: 200, WebhookJson.ReadEndpointsAsync, "endpoint list", cancellationToken).ConfigureAwait(false);
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

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

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

    private static HttpRequestMessage NewRequest(HttpMethod method, Uri uri, string operation, byte[]? body, bool accept)
    {
        var request = new HttpRequestMessage(method, uri).WithOperation(operation);
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

    private static TimeSpan Jitter(TimeSpan wait)
    {
#pragma warning disable CA5394 // Jitter, not security.
        var factor = 1 + (BackoffJitter * ((2 * Random.Shared.NextDouble()) - 1));
#pragma warning restore CA5394
        return wait * factor;
    }

    private async Task<DomainFilter> NegotiateWithRetriesAsync(CancellationToken cancellationToken)
    {
        var wait = _options.NegotiationBackoff;
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            try
            {
                using var request = NewRequest(HttpMethod.Get, _negotiateUri, "Negotiate", body: null, accept: true);
                using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var status = (int)response.StatusCode;
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
                    return await ReadNegotiationAsync(response, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (ProviderTransientException ex)
            {
                failure = Reason(ex); // a refused connection or a timeout (the stack makes no retry of its own)
            }
            catch (ProviderHttpResponseTooLargeException ex)
            {
                throw new ProviderConfigurationException($"{Where("GET /")} (negotiation): {TooLarge(ex)}", ex);
            }
            catch (HttpRequestException ex)
            {
                // Not transient for the stack either: a TLS handshake the webhook's certificate fails, for example.
                throw new ProviderConfigurationException($"{Where("GET /")} (negotiation) failed: {ex.Message}", ex);
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
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                return await WebhookJson.ReadDomainFilterAsync(body, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (JsonException ex)
        {
            throw new ProviderConfigurationException($"{Where("GET /")} (negotiation): the answer is not a domain filter: {ex.Message}", ex);
        }
    }

    private async Task<T> SendAsync<T>(
        HttpMethod method,
        Uri uri,
        string operation,
        byte[]? body,
        bool accept,
        int expectedStatus,
        Func<Stream, CancellationToken, Task<T>>? read,
        string what,
        CancellationToken cancellationToken)
    {
        var request = $"{method.Method} {uri.AbsolutePath}";
        try
        {
            using var message = NewRequest(method, uri, operation, body, accept);
            using var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status != expectedStatus)
            {
                var text = $"{Where(request)} answered {Describe(response)}, expected {expectedStatus}";
                throw WebhookProtocol.IsTransientStatus(status) ? new ProviderTransientException(text) : new WebhookException(text);
            }

            if (read is null)
            {
                return default!;
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await read(stream, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ProviderTransientException ex) when (ex.InnerException is not null)
        {
            // From the HTTP stack: a refused or dropped connection, or no complete answer in time. Said the webhook's way.
            var reason = Reason(ex);
            throw new ProviderTransientException(ex.InnerException is TimeoutException ? $"{Where(request)}: {reason}" : $"{Where(request)} failed: {reason}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new WebhookException($"{Where(request)} failed: {ex.Message}", ex);
        }
        catch (ProviderHttpResponseTooLargeException ex)
        {
            throw new WebhookException($"{Where(request)}: {TooLarge(ex)}", ex);
        }
        catch (JsonException ex)
        {
            throw new WebhookException($"{Where(request)}: the answer is not a valid {what}: {ex.Message}", ex);
        }
    }

    private string Reason(ProviderTransientException ex) => ex.InnerException switch
    {
        TimeoutException => $"no complete answer within {_options.RequestTimeout.TotalSeconds:0.###}s (--webhook-provider-read-timeout plus --webhook-provider-write-timeout)",
        { } inner => inner.Message,
        null => ex.Message,
    };

    private static string TooLarge(ProviderHttpResponseTooLargeException ex) =>
        $"the body is larger than {ex.Limit} bytes (--webhook-provider-max-body-size)";

    private string Where(string operation) => $"webhook {_options.DisplayUrl}: {operation}";
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ExternalDns.Core.Providers;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.PowerDns.Api;

/// <summary>
/// The three PowerDNS HTTP API calls the provider needs (list zones, get a zone, patch a zone's rrsets), with
/// retries of transient failures and the mapping of refusals to ExternalDns's exception types.
/// <list type="bullet">
/// <item>401/403: <see cref="ProviderConfigurationException"/> naming <c>--pdns-api-key</c> (never the key).</item>
/// <item>404 on the zone list: <see cref="ProviderConfigurationException"/> naming <c>--pdns-server-id</c>/<c>--pdns-server</c>.</item>
/// <item>Other 4xx (422, a zone that vanished, …): <see cref="PowerDnsApiException"/> with the server's text.</item>
/// <item>408, 429, 5xx, timeouts, refused connections: retried (<see cref="PowerDnsProviderOptions.MaxAttempts"/>,
/// exponential backoff through the injected <see cref="TimeProvider"/>), then <see cref="ProviderTransientException"/>.</item>
/// </list>
/// </summary>
public sealed class PowerDnsApiClient : IDisposable
{
    private const int MaxServerTextLength = 500;

    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly string _apiKey;
    private readonly string _serverDisplay;
    private readonly string _serverPath;
    private readonly string _serverId;
    private readonly int _maxAttempts;
    private readonly TimeSpan _initialRetryDelay;
    private long _requestCount;

    /// <summary>Creates the client. Throws <see cref="ProviderConfigurationException"/> on unusable options.</summary>
    /// <param name="options">Server URL, server id, API key, TLS and retry settings.</param>
    /// <param name="logger">Logger; the key is never logged.</param>
    /// <param name="handler">HTTP handler (not disposed by the client); null for a default one honouring <see cref="PowerDnsProviderOptions.SkipTlsVerify"/>.</param>
    /// <param name="timeProvider">Clock for retry backoff.</param>
    public PowerDnsApiClient(PowerDnsProviderOptions options, ILogger logger, HttpMessageHandler? handler, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _logger = logger;
        _timeProvider = timeProvider;

        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new ProviderConfigurationException("PowerDNS API key is missing: specify it with --pdns-api-key");
        }

        if (string.IsNullOrWhiteSpace(options.ServerId))
        {
            throw new ProviderConfigurationException("PowerDNS server id is empty: specify it with --pdns-server-id (usually 'localhost')");
        }

        if (options.MaxAttempts < 1)
        {
            throw new ProviderConfigurationException("PowerDNS: the number of attempts per request must be at least 1");
        }

        var server = (options.Server ?? string.Empty).Trim();
        if (!Uri.TryCreate(server, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
        {
            if (!server.Contains("://", StringComparison.Ordinal) && server.Length > 0)
            {
                PowerDnsLog.ServerLooksLikeHostName(logger, server);
            }

            throw new ProviderConfigurationException(
                $"PowerDNS server '{Redact(server, options.ApiKey)}' is not an http(s) URL: specify one with --pdns-server (for example {PowerDnsProviderOptions.DefaultServer})");
        }

        _apiKey = options.ApiKey;
        _serverId = options.ServerId.Trim();
        _maxAttempts = options.MaxAttempts;
        _initialRetryDelay = options.InitialRetryDelay < TimeSpan.Zero ? TimeSpan.Zero : options.InitialRetryDelay;

        // Keep the scheme, host, port and any path prefix (reverse proxies); never user info.
        _serverDisplay = $"{baseUri.Scheme}://{baseUri.Authority}";
        var prefix = baseUri.AbsolutePath.TrimEnd('/');
        _serverPath = _serverDisplay + prefix;

        if (handler is null)
        {
            var sockets = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
            if (options.SkipTlsVerify)
            {
                PowerDnsLog.TlsVerificationDisabled(logger);
                sockets.SslOptions = new SslClientAuthenticationOptions
                {
#pragma warning disable CA5359 // The user asked for it with --pdns-skip-tls-verify.
                    RemoteCertificateValidationCallback = (_, _, _, _) => true,
#pragma warning restore CA5359
                };
            }

            _http = new HttpClient(sockets, disposeHandler: true);
        }
        else
        {
            _http = new HttpClient(handler, disposeHandler: false);
        }

        _http.Timeout = options.RequestTimeout > TimeSpan.Zero ? options.RequestTimeout : Timeout.InfiniteTimeSpan;
    }

    /// <summary>HTTP requests sent so far, retries included.</summary>
    public long RequestCount => Interlocked.Read(ref _requestCount);

    /// <summary>The server as shown in messages: scheme, host and port.</summary>
    public string ServerDisplay => _serverDisplay;

    /// <summary><c>GET /api/v1/servers/{id}/zones</c>: every zone, without rrsets.</summary>
    public async Task<IReadOnlyList<PowerDnsZone>> ListZonesAsync(CancellationToken cancellationToken)
    {
        var path = $"/api/v1/servers/{Uri.EscapeDataString(_serverId)}/zones";
        var zones = await SendAsync(HttpMethod.Get, path, null, PowerDnsJsonContext.Default.ListPowerDnsZone, zone: null, cancellationToken)
            .ConfigureAwait(false);
        return zones ?? [];
    }

    /// <summary><c>GET /api/v1/servers/{id}/zones/{zone}</c>: one zone with its rrsets.</summary>
    public async Task<PowerDnsZone> GetZoneAsync(PowerDnsZone zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var result = await SendAsync(HttpMethod.Get, ZonePath(zone), null, PowerDnsJsonContext.Default.PowerDnsZone, zone.Name, cancellationToken)
            .ConfigureAwait(false);
        return result ?? throw new PowerDnsApiException($"PowerDNS at {_serverDisplay} returned an empty body for zone {zone.Name}", 200, null, zone.Name);
    }

    /// <summary><c>PATCH /api/v1/servers/{id}/zones/{zone}</c>: applies the rrset changes (atomically on the server).</summary>
    public async Task PatchZoneAsync(PowerDnsZone zone, PowerDnsPatch patch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(patch);
        var body = JsonSerializer.SerializeToUtf8Bytes(patch, PowerDnsJsonContext.Default.PowerDnsPatch);
        await SendAsync<PowerDnsZone>(HttpMethod.Patch, ZonePath(zone), body, null, zone.Name, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private string ZonePath(PowerDnsZone zone)
    {
        var id = string.IsNullOrEmpty(zone.Id) ? zone.Name : zone.Id;
        return $"/api/v1/servers/{Uri.EscapeDataString(_serverId)}/zones/{Uri.EscapeDataString(id)}";
    }

    private async Task<T?> SendAsync<T>(HttpMethod method, string path, byte[]? body, JsonTypeInfo<T>? responseType, string? zone, CancellationToken cancellationToken)
        where T : class
    {
        var delay = _initialRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            string transientReason;
            Exception? transientCause = null;
            Interlocked.Increment(ref _requestCount);
            using var request = new HttpRequestMessage(method, _serverPath + path);
            request.Headers.TryAddWithoutValidation("X-API-Key", _apiKey);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                var elapsed = Stopwatch.GetElapsedTime(started);
                PowerDnsLog.Request(_logger, method.Method, path, status, elapsed);
                if (response.IsSuccessStatusCode)
                {
                    if (responseType is null || status == (int)HttpStatusCode.NoContent)
                    {
                        return null;
                    }

                    var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                    await using (stream.ConfigureAwait(false))
                    {
                        try
                        {
                            return await JsonSerializer.DeserializeAsync(stream, responseType, cancellationToken).ConfigureAwait(false);
                        }
                        catch (JsonException ex)
                        {
                            throw new PowerDnsApiException(
                                $"PowerDNS at {_serverDisplay} answered {method.Method} {path} with a body that is not the expected JSON: {ex.Message}", ex);
                        }
                    }
                }

                var serverText = await ReadServerTextAsync(response, cancellationToken).ConfigureAwait(false);
                if (!IsTransient(response.StatusCode))
                {
                    throw Refusal(method, path, response.StatusCode, serverText, zone);
                }

                transientReason = $"HTTP {status} {response.ReasonPhrase}: {serverText}";
            }
            catch (HttpRequestException ex) when (ex.InnerException is AuthenticationException)
            {
                throw new ProviderConfigurationException(
                    $"PowerDNS at {_serverDisplay}: TLS handshake failed ({ex.InnerException.Message}); check --pdns-server, the CA, or --pdns-skip-tls-verify", ex);
            }
            catch (HttpRequestException ex)
            {
                transientReason = Redact(ex.Message, _apiKey);
                transientCause = ex;
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                transientReason = $"no answer within {_http.Timeout.TotalSeconds:0.###} s";
                transientCause = ex;
            }

            if (attempt >= _maxAttempts)
            {
                var what = zone is null ? string.Empty : $" (zone {zone})";
                var message = $"PowerDNS API at {_serverDisplay} failed: {method.Method} {path}{what}: {transientReason} (after {attempt} attempts)";
                throw transientCause is null ? new ProviderTransientException(message) : new ProviderTransientException(message, transientCause);
            }

            PowerDnsLog.Retrying(_logger, method.Method, path, attempt, _maxAttempts, transientReason, delay);
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            delay += delay;
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private Exception Refusal(HttpMethod method, string path, HttpStatusCode status, string serverText, string? zone)
    {
        var code = (int)status;
        var statusText = $"HTTP {code} {status}";
        switch (status)
        {
            case HttpStatusCode.Unauthorized:
            case HttpStatusCode.Forbidden:
                return new ProviderConfigurationException(
                    $"PowerDNS API at {_serverDisplay} refused the API key ({statusText}: {serverText}) on {method.Method} {path}; check --pdns-api-key");
            case HttpStatusCode.NotFound when zone is null:
                return new ProviderConfigurationException(
                    $"PowerDNS API at {_serverDisplay} has no server '{_serverId}' ({statusText}: {serverText}) on {method.Method} {path}; check --pdns-server-id and --pdns-server");
            case HttpStatusCode.NotFound:
                return new PowerDnsApiException(
                    $"PowerDNS zone {zone} not found at {_serverDisplay} ({statusText}: {serverText}) on {method.Method} {path}; was it deleted after it was listed?",
                    code, serverText, zone);
            default:
                var where = zone is null ? string.Empty : $" for zone {zone}";
                return new PowerDnsApiException(
                    $"PowerDNS at {_serverDisplay} refused {method.Method} {path}{where} ({statusText}): {serverText}", code, serverText, zone);
        }
    }

    private async Task<string> ReadServerTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string raw;
        try
        {
            raw = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return "(no body)";
        }

        var text = raw.Trim();
        if (text.StartsWith('{'))
        {
            try
            {
                var error = JsonSerializer.Deserialize(text, PowerDnsJsonContext.Default.PowerDnsErrorBody);
                if (!string.IsNullOrWhiteSpace(error?.Error))
                {
                    text = error.Error;
                    if (error.Errors is { Count: > 0 })
                    {
                        text += " (" + string.Join("; ", error.Errors) + ")";
                    }
                }
            }
            catch (JsonException)
            {
                // Not PowerDNS's error JSON: the raw body is the best description.
            }
        }

        if (text.Length == 0)
        {
            text = "(no body)";
        }
        else if (text.Length > MaxServerTextLength)
        {
            text = string.Concat(text.AsSpan(0, MaxServerTextLength), "…");
        }

        return Redact(text, _apiKey);
    }

    /// <summary>Removes the API key from a text that may echo it (an error page, a URL typed by the user).</summary>
    private static string Redact(string text, string apiKey)
    {
        if (string.IsNullOrEmpty(apiKey) || !text.Contains(apiKey, StringComparison.Ordinal))
        {
            return text;
        }

        return new StringBuilder(text).Replace(apiKey, "[redacted]").ToString();
    }
}

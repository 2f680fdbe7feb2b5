using ExternalDns.Core.Configuration;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Http;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.PowerDns.Api;

/// <summary>
/// The three PowerDNS HTTP API calls the provider needs (list zones, get a zone, patch a zone's rrsets), sent through
/// the shared provider handler stack (<see cref="ProviderHttpFactory"/>: timeouts, retries of 429/5xx/connection
/// failures with backoff and the run's retry budget, metrics), and the mapping of the final answer to ExternalDns's
/// exception types:
/// <list type="bullet">
/// <item>401/403: <see cref="ProviderConfigurationException"/> naming <c>--pdns-api-key</c> (never the key).</item>
/// <item>404 on the zone list: <see cref="ProviderConfigurationException"/> naming <c>--pdns-server-id</c>/<c>--pdns-server</c>.</item>
/// <item>Other 4xx (422, a zone that vanished, …): <see cref="PowerDnsApiException"/> with the server's text.</item>
/// <item>408, 429, 5xx (after the stack's retries), timeouts, refused connections: <see cref="ProviderTransientException"/>.</item>
/// <item>A failed TLS handshake: <see cref="ProviderConfigurationException"/> naming the TLS flags.</item>
/// </list>
/// </summary>
public sealed class PowerDnsApiClient : IDisposable
{
    /// <summary>The <c>provider</c> label of the HTTP metrics.</summary>
    public const string MetricsName = "pdns";

    private const int MaxServerTextLength = 500;

    private readonly HttpClient _http;
    private readonly string _apiKey;
    private readonly string _serverDisplay;
    private readonly string _serverPath;
    private readonly string _serverId;
    private long _requestCount;

    /// <summary>Creates the client. Throws <see cref="ProviderConfigurationException"/> on unusable options.</summary>
    /// <param name="options">Server URL, server id, API key, TLS, timeout and retry settings.</param>
    /// <param name="logger">Logger; the key is never logged.</param>
    /// <param name="http">The shared handler stack (tests inject the innermost handler through it).</param>
    public PowerDnsApiClient(PowerDnsProviderOptions options, ILogger logger, ProviderHttpFactory http)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(http);

        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new FlagException("PowerDNS API key is missing: specify it with --pdns-api-key");
        }

        if (string.IsNullOrWhiteSpace(options.ServerId))
        {
            throw new FlagException("PowerDNS server id is empty: specify it with --pdns-server-id (usually 'localhost')");
        }

        if (options.MaxAttempts < 1)
        {
            throw new FlagException("PowerDNS: the number of attempts per request must be at least 1");
        }

        var server = (options.Server ?? string.Empty).Trim();
        if (!Uri.TryCreate(server, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
        {
            if (!server.Contains("://", StringComparison.Ordinal) && server.Length > 0)
            {
                PowerDnsLog.ServerLooksLikeHostName(logger, server);
            }

            throw new FlagException(
                $"PowerDNS server '{Redact(server, options.ApiKey)}' is not an http(s) URL: specify one with --pdns-server (for example {PowerDnsProviderOptions.DefaultServer})");
        }

        _apiKey = options.ApiKey;
        _serverId = options.ServerId.Trim();

        // Keep the scheme, host, port and any path prefix (reverse proxies); never user info.
        _serverDisplay = $"{baseUri.Scheme}://{baseUri.Authority}";
        var prefix = baseUri.AbsolutePath.TrimEnd('/');
        _serverPath = _serverDisplay + prefix;

        _http = http.CreateClient(new ProviderHttpOptions
        {
            Provider = MetricsName,
            Timeout = options.RequestTimeout > TimeSpan.Zero ? options.RequestTimeout : Timeout.InfiniteTimeSpan,
            MaxRetries = options.MaxAttempts - 1,
            InitialBackoff = options.InitialRetryDelay < TimeSpan.Zero ? TimeSpan.Zero : options.InitialRetryDelay,
            SkipTlsVerify = options.SkipTlsVerify,
            CaFile = NullIfEmpty(options.CaFile),
            ClientCertFile = NullIfEmpty(options.ClientCertFile),
            ClientKeyFile = NullIfEmpty(options.ClientKeyFile),
        });
    }

    /// <summary>HTTP requests sent so far, retries included.</summary>
    public long RequestCount => Interlocked.Read(ref _requestCount);

    /// <summary>The server as shown in messages: scheme, host and port.</summary>
    public string ServerDisplay => _serverDisplay;

    /// <summary><c>GET /api/v1/servers/{id}/zones</c>: every zone, without rrsets.</summary>
    public async Task<IReadOnlyList<PowerDnsZone>> ListZonesAsync(CancellationToken cancellationToken)
    {
        var path = $"/api/v1/servers/{Uri.EscapeDataString(_serverId)}/zones";
        var zones = await SendAsync("ListZones", HttpMethod.Get, path, null, PowerDnsJsonContext.Default.ListPowerDnsZone, zone: null, cancellationToken)
            .ConfigureAwait(false);
        return zones ?? [];
    }

    /// <summary><c>GET /api/v1/servers/{id}/zones/{zone}</c>: one zone with its rrsets.</summary>
    public async Task<PowerDnsZone> GetZoneAsync(PowerDnsZone zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var result = await SendAsync("GetZone", HttpMethod.Get, ZonePath(zone), null, PowerDnsJsonContext.Default.PowerDnsZone, zone.Name, cancellationToken)
            .ConfigureAwait(false);
        return result ?? throw new PowerDnsApiException($"PowerDNS at {_serverDisplay} returned an empty body for zone {zone.Name}", 200, null, zone.Name);
    }

    /// <summary><c>PATCH /api/v1/servers/{id}/zones/{zone}</c>: applies the rrset changes (atomically on the server).</summary>
    public async Task PatchZoneAsync(PowerDnsZone zone, PowerDnsPatch patch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(patch);
        var body = JsonSerializer.SerializeToUtf8Bytes(patch, PowerDnsJsonContext.Default.PowerDnsPatch);
        await SendAsync<PowerDnsZone>("PatchZone", HttpMethod.Patch, ZonePath(zone), body, null, zone.Name, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private string ZonePath(PowerDnsZone zone)
    {
        var id = string.IsNullOrEmpty(zone.Id) ? zone.Name : zone.Id;
        return $"/api/v1/servers/{Uri.EscapeDataString(_serverId)}/zones/{Uri.EscapeDataString(id)}";
    }

    private async Task<T?> SendAsync<T>(
        string operation, HttpMethod method, string path, byte[]? body, JsonTypeInfo<T>? responseType, string? zone, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(method, _serverPath + path).WithOperation(operation);
        request.Headers.TryAddWithoutValidation("X-API-Key", _apiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        var what = zone is null ? string.Empty : $" (zone {zone})";
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.InnerException is AuthenticationException)
        {
            throw new ProviderConfigurationException(
                $"PowerDNS at {_serverDisplay}: TLS handshake failed ({ex.InnerException.Message}); check --pdns-server, --tls-ca, --tls-client-cert, --tls-client-cert-key or --pdns-skip-tls-verify",
                ex);
        }
        catch (ProviderTransientException ex) when (ex.InnerException is not null)
        {
            // A connection failure or timeout the stack gave up on: say it the PowerDNS way, with the server and zone.
            throw new ProviderTransientException(
                $"PowerDNS API at {_serverDisplay} failed: {method.Method} {path}{what}: {Redact(ex.InnerException.Message, _apiKey)} ({Attempts(request)})",
                ex.InnerException);
        }
        finally
        {
            Interlocked.Add(ref _requestCount, request.GetAttempts());
        }

        using (response)
        {
            var status = (int)response.StatusCode;
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
            if (IsTransient(response.StatusCode))
            {
                throw new ProviderTransientException(
                    $"PowerDNS API at {_serverDisplay} failed: {method.Method} {path}{what}: HTTP {status} {response.ReasonPhrase}: {serverText} ({Attempts(request)})");
            }

            throw Refusal(method, path, response.StatusCode, serverText, zone);
        }
    }

    private static string Attempts(HttpRequestMessage request)
    {
        var attempts = request.GetAttempts();
        return attempts == 1 ? "after 1 attempt" : $"after {attempts} attempts";
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

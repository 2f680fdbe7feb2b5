using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Core.Resilience;
using ExternalDns.Providers.Google.Auth;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Google.Api;

/// <summary>
/// The Cloud DNS v1 REST client behind <see cref="ICloudDnsApi"/>: HttpClient + source-generated JSON over the shared
/// provider handler stack (<c>ProviderHttpFactory</c>: per-attempt timeout, retries of 429, 5xx and network failures
/// with backoff, <c>Retry-After</c> and the retry budget, metrics), a bearer token from an
/// <see cref="IGoogleAccessTokenSource"/> on every call. Final outcomes:
/// <list type="bullet">
/// <item>429 and 5xx (the stack's retries spent): <see cref="ProviderTransientException"/>; a network failure or
/// timeout arrives as the stack's <see cref="ProviderTransientException"/>.</item>
/// <item>403 <c>rateLimitExceeded</c>/<c>userRateLimitExceeded</c>: retried here (<see cref="CloudDnsRetryOptions"/>),
/// then transient; 403 <c>quotaExceeded</c> is transient at once (a quota window, not seconds).</item>
/// <item>401: the token is dropped and the call repeated once; a second 401, and any other 403, is a
/// <see cref="ProviderConfigurationException"/> naming the credentials (never a token).</item>
/// <item>404 on the zone list: <see cref="ProviderConfigurationException"/> naming <c>--google-project</c>.</item>
/// <item>Other 4xx: <see cref="CloudDnsApiException"/> with Google's message and reason.</item>
/// </list>
/// </summary>
public sealed class CloudDnsApiClient : ICloudDnsApi, IDisposable
{
    public const string ManagedZonesList = "managedZones.list";
    public const string ResourceRecordSetsList = "resourceRecordSets.list";
    public const string ChangesCreate = "changes.create";
    public const string ChangesGet = "changes.get";

    private const int MaxErrorText = 400;

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly IGoogleAccessTokenSource _tokens;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CloudDnsRetryOptions _retry;
    private long _requests;

    /// <param name="handler">The HTTP handler: the shared provider stack (<c>ProviderHttpFactory.CreateHandler</c>).</param>
    /// <param name="disposeHandler">Whether disposing the client disposes <paramref name="handler"/>.</param>
    /// <param name="endpoint">The API root (<c>https://dns.googleapis.com/dns/v1/</c>, a Private Service Connect endpoint, an emulator).</param>
    /// <param name="tokens">Bearer tokens.</param>
    /// <param name="retry">Retries of 403 rate limits.</param>
    /// <param name="time">Clock for backoff.</param>
    /// <param name="logger">Logger (retries at Debug; never headers, tokens or bodies).</param>
    public CloudDnsApiClient(HttpMessageHandler handler, bool disposeHandler, Uri endpoint, IGoogleAccessTokenSource tokens, CloudDnsRetryOptions retry, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _endpoint = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
        _tokens = tokens;
        _retry = retry;
        _time = time;
        _logger = logger;
        _http = new HttpClient(handler, disposeHandler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    /// <summary>HTTP requests sent so far (every attempt).</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    public Task<CloudDnsManagedZonesPage> ListManagedZonesAsync(string project, string? pageToken, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"projects/{Escape(project)}/managedZones{PageQuery(pageToken)}", null, CloudDnsJsonContext.Default.CloudDnsManagedZonesPage, ManagedZonesList, project, cancellationToken);

    public Task<CloudDnsResourceRecordSetsPage> ListResourceRecordSetsAsync(string project, string zone, string? pageToken, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"projects/{Escape(project)}/managedZones/{Escape(zone)}/rrsets{PageQuery(pageToken)}", null, CloudDnsJsonContext.Default.CloudDnsResourceRecordSetsPage, ResourceRecordSetsList, project, cancellationToken);

    public Task<CloudDnsChange> CreateChangeAsync(string project, string zone, CloudDnsChange change, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(change, CloudDnsJsonContext.Default.CloudDnsChange);
        return SendAsync(HttpMethod.Post, $"projects/{Escape(project)}/managedZones/{Escape(zone)}/changes", body, CloudDnsJsonContext.Default.CloudDnsChange, ChangesCreate, project, cancellationToken);
    }

    public Task<CloudDnsChange> GetChangeAsync(string project, string zone, string changeId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"projects/{Escape(project)}/managedZones/{Escape(zone)}/changes/{Escape(changeId)}", null, CloudDnsJsonContext.Default.CloudDnsChange, ChangesGet, project, cancellationToken);

    public void Dispose() => _http.Dispose();

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static string PageQuery(string? pageToken) => pageToken is null ? string.Empty : "?pageToken=" + Uri.EscapeDataString(pageToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, byte[]? body, JsonTypeInfo<T> type, string operation, string project, CancellationToken cancellationToken)
        where T : class
    {
        var backoff = new JitteredBackoff(_retry.InitialBackoff, _retry.MaxBackoff, _retry.Jitter);
        var reauthenticated = false;
        for (var attempt = 0; ; attempt++)
        {
            var token = await _tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            string failure;
            TimeSpan? retryAfter;
            using (var request = new HttpRequestMessage(method, new Uri(_endpoint, path)).WithOperation(operation))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                if (body is not null)
                {
                    request.Content = new ByteArrayContent(body);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                }

                Interlocked.Increment(ref _requests);
                HttpResponseMessage response;
                try
                {
                    response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException ex) when (ex.InnerException is AuthenticationException)
                {
                    throw new ProviderConfigurationException(
                        $"Cloud DNS API at {_endpoint.GetLeftPart(UriPartial.Authority)}: TLS handshake failed ({ex.InnerException.Message}); check --google-api-endpoint and the trusted CAs", ex);
                }
                catch (HttpRequestException ex)
                {
                    throw new ProviderTransientException($"Cloud DNS {operation} at {_endpoint.GetLeftPart(UriPartial.Authority)} failed: {ex.Message}", ex);
                }

                using (response)
                {
                    var status = (int)response.StatusCode;
                    if (response.IsSuccessStatusCode)
                    {
                        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                        await using (stream.ConfigureAwait(false))
                        {
                            try
                            {
                                return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken).ConfigureAwait(false)
                                    ?? throw new CloudDnsApiException($"Cloud DNS {operation} answered an empty body", status, null, operation);
                            }
                            catch (JsonException ex)
                            {
                                throw new CloudDnsApiException($"Cloud DNS {operation} answered a body that is not the expected JSON: {ex.Message}", ex);
                            }
                        }
                    }

                    var (reason, message) = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
                    failure = $"HTTP {status} {reason ?? response.ReasonPhrase}: {message}";
                    if (status == 401 && !reauthenticated)
                    {
                        // An expired or revoked token: fetch a new one and repeat once.
                        reauthenticated = true;
                        _tokens.Invalidate();
                        attempt--;
                        continue;
                    }

                    if (status is 429 or >= 500)
                    {
                        // The shared stack has already retried these within its limits and the budget.
                        throw new ProviderTransientException($"Cloud DNS {operation} failed at {_endpoint.GetLeftPart(UriPartial.Authority)}: {failure}");
                    }

                    if (!(status == 403 && reason is "rateLimitExceeded" or "userRateLimitExceeded"))
                    {
                        throw Refusal(operation, project, status, reason, message);
                    }

                    retryAfter = RetryAfter(response);
                }
            }

            var delay = retryAfter is { } after ? (after > _retry.MaxRetryAfter ? _retry.MaxRetryAfter : after) : backoff.Next();
            if (attempt >= _retry.MaxRetries || (_retry.TryConsumeBudget is { } consume && !consume(delay)))
            {
                throw new ProviderTransientException($"Cloud DNS {operation} failed at {_endpoint.GetLeftPart(UriPartial.Authority)}: {failure} (after {attempt + 1} attempts)");
            }

            GoogleLog.Retrying(_logger, operation, attempt + 1, failure, delay);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private Exception Refusal(string operation, string project, int status, string? reason, string message)
    {
        var text = $"HTTP {status}{(reason is null ? string.Empty : " " + reason)}: {message}";
        if (status == 403 && reason == "quotaExceeded")
        {
            return new ProviderTransientException($"Cloud DNS {operation} in project {project}: quota exceeded ({text}); retrying on the next run");
        }

        if (status is 401 or 403)
        {
            return new ProviderConfigurationException(
                $"Cloud DNS refused {operation} in project {project} for {_tokens.Description} ({text}); the credentials need the roles/dns.admin role (or the dns.* permissions in docs/providers/google.md) on project {project}");
        }

        if (status == 404 && operation == ManagedZonesList)
        {
            return new ProviderConfigurationException($"Cloud DNS has no project '{project}' for {_tokens.Description} ({text}); check --google-project");
        }

        return new CloudDnsApiException($"Cloud DNS refused {operation} ({text})", status, reason, operation);
    }

    private static async Task<(string? Reason, string Message)> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
        }
        catch (HttpRequestException)
        {
            return (null, "(no body)");
        }

        if (text.StartsWith('{'))
        {
            try
            {
                var error = JsonSerializer.Deserialize(text, CloudDnsJsonContext.Default.CloudDnsErrorResponse)?.Error;
                if (error is not null)
                {
                    var item = error.Errors is { Count: > 0 } ? error.Errors[0] : null;
                    return (item?.Reason, Truncate(error.Message ?? item?.Message ?? text));
                }
            }
            catch (JsonException)
            {
                // Not Google's error JSON: the raw text is the best description.
            }
        }

        return (null, text.Length == 0 ? "(no body)" : Truncate(text));
    }

    private static string Truncate(string text) => text.Length <= MaxErrorText ? text : string.Concat(text.AsSpan(0, MaxErrorText), "…");

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - DateTimeOffset.UtcNow : null;
    }

}

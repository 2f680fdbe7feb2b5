using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Http;

namespace ExternalDns.Providers.Cloudflare.Api;

/// <summary>
/// <see cref="ICloudflareApi"/> over HttpClient and source-generated JSON. Retries happen below, in the handler
/// stack; this class maps the final answer: 401/403 (and 400 with an authentication code) to
/// <see cref="ProviderConfigurationException"/> naming the credential source, 429/5xx to
/// <see cref="ProviderTransientException"/>, other refusals to <see cref="CloudflareApiException"/>. Each request carries
/// its operation name (<c>ListDNSRecords</c>, <c>BatchDNSRecords</c>, …) for the HTTP metrics. DNS record pages
/// after the first are fetched concurrently (at most <see cref="PageConcurrency"/> at a time).
/// </summary>
public sealed class CloudflareApiClient : ICloudflareApi, IDisposable
{
    public const int PageConcurrency = 4;
    private const int ZonesPerPage = 50;
    private const int CustomHostnamesPerPage = 50;
    private const int MaxServerTextLength = 300;

    // Codes Cloudflare answers for credentials it cannot use: malformed or missing headers, unknown key/e-mail,
    // invalid token, authentication error.
    private static readonly HashSet<int> AuthenticationCodes = [1000, 6003, 6100, 6101, 6102, 6103, 6111, 9103, 9106, 9107, 9109, 10000, 10001];

    private readonly HttpClient _http;
    private readonly string _base;
    private readonly CloudflareCredentials _credentials;
    private long _requests;

    /// <param name="baseUrl">The API root, e.g. <c>https://api.cloudflare.com/client/v4</c>.</param>
    /// <param name="credentials">Token or Global API key.</param>
    /// <param name="handler">The HTTP handler stack (retries, TLS); disposed with the client when <paramref name="disposeHandler"/>.</param>
    /// <param name="disposeHandler">Whether the client owns the handler.</param>
    public CloudflareApiClient(Uri baseUrl, CloudflareCredentials credentials, HttpMessageHandler handler, bool disposeHandler = true)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(handler);
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _base = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _http = new HttpClient(handler, disposeHandler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Requests sent (retries below this client are not counted).</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    public async Task<IReadOnlyList<CloudflareZone>> ListZonesAsync(string? name, CancellationToken cancellationToken)
    {
        var zones = new List<CloudflareZone>();
        for (var page = 1; ; page++)
        {
            var query = $"?page={page}&per_page={ZonesPerPage}" + (name is null ? string.Empty : "&name=" + Uri.EscapeDataString(name));
            var envelope = await SendAsync(HttpMethod.Get, "/zones", query, null, CloudflareJsonContext.Default.CloudflareEnvelopeListCloudflareZone, "ListZones", "zones", cancellationToken).ConfigureAwait(false);
            var result = envelope.Result ?? [];
            zones.AddRange(result);
            if (IsLastPage(envelope.ResultInfo, page, result.Count, ZonesPerPage))
            {
                return zones;
            }
        }
    }

    public async Task<CloudflareZone> GetZoneAsync(string zoneId, CancellationToken cancellationToken)
    {
        var envelope = await SendAsync(HttpMethod.Get, "/zones/" + Escape(zoneId), string.Empty, null, CloudflareJsonContext.Default.CloudflareEnvelopeCloudflareZone, "GetZone", "zones", cancellationToken).ConfigureAwait(false);
        return envelope.Result ?? throw new CloudflareApiException($"Cloudflare answered GET /zones/{zoneId} without a zone", 200, []);
    }

    public async Task<IReadOnlyList<CloudflareDnsRecord>> ListDnsRecordsAsync(string zoneId, int perPage, CancellationToken cancellationToken)
    {
        var path = $"/zones/{Escape(zoneId)}/dns_records";
        var first = await RecordPageAsync(path, 1, perPage, cancellationToken).ConfigureAwait(false);
        var firstRecords = first.Result ?? [];
        if (IsLastPage(first.ResultInfo, 1, firstRecords.Count, perPage))
        {
            return firstRecords;
        }

        var totalPages = first.ResultInfo?.TotalPages ?? 0;
        if (totalPages <= 1)
        {
            // No page count: walk on until a short page.
            var records = new List<CloudflareDnsRecord>(firstRecords);
            for (var page = 2; ; page++)
            {
                var next = await RecordPageAsync(path, page, perPage, cancellationToken).ConfigureAwait(false);
                var result = next.Result ?? [];
                records.AddRange(result);
                if (IsLastPage(next.ResultInfo, page, result.Count, perPage))
                {
                    return records;
                }
            }
        }

        var pages = new List<CloudflareDnsRecord>[totalPages];
        pages[0] = firstRecords;
        using var gate = new SemaphoreSlim(PageConcurrency);
        var fetches = Enumerable.Range(2, totalPages - 1).Select(async page =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var envelope = await RecordPageAsync(path, page, perPage, cancellationToken).ConfigureAwait(false);
                pages[page - 1] = envelope.Result ?? [];
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        await Task.WhenAll(fetches).ConfigureAwait(false);
        var all = new List<CloudflareDnsRecord>(first.ResultInfo?.TotalCount ?? 0);
        foreach (var page in pages)
        {
            all.AddRange(page);
        }

        return all;
    }

    public async Task<CloudflareBatchResult> BatchDnsRecordsAsync(string zoneId, CloudflareBatchRequest batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var body = JsonSerializer.SerializeToUtf8Bytes(batch, CloudflareJsonContext.Default.CloudflareBatchRequest);
        var envelope = await SendAsync(HttpMethod.Post, $"/zones/{Escape(zoneId)}/dns_records/batch", string.Empty, body, CloudflareJsonContext.Default.CloudflareEnvelopeCloudflareBatchResult, "BatchDNSRecords", "dns_records", cancellationToken).ConfigureAwait(false);
        return envelope.Result ?? new CloudflareBatchResult();
    }

    public async Task<IReadOnlyList<CloudflareCustomHostname>> ListCustomHostnamesAsync(string zoneId, CancellationToken cancellationToken)
    {
        var all = new List<CloudflareCustomHostname>();
        for (var page = 1; ; page++)
        {
            var envelope = await SendAsync(HttpMethod.Get, $"/zones/{Escape(zoneId)}/custom_hostnames", $"?page={page}&per_page={CustomHostnamesPerPage}", null,
                CloudflareJsonContext.Default.CloudflareEnvelopeListCloudflareCustomHostname, "ListCustomHostnames", "custom_hostnames", cancellationToken).ConfigureAwait(false);
            var result = envelope.Result ?? [];
            all.AddRange(result);
            if (IsLastPage(envelope.ResultInfo, page, result.Count, CustomHostnamesPerPage))
            {
                return all;
            }
        }
    }

    public async Task<CloudflareCustomHostname> CreateCustomHostnameAsync(string zoneId, CloudflareCustomHostnameRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, CloudflareJsonContext.Default.CloudflareCustomHostnameRequest);
        var envelope = await SendAsync(HttpMethod.Post, $"/zones/{Escape(zoneId)}/custom_hostnames", string.Empty, body,
            CloudflareJsonContext.Default.CloudflareEnvelopeCloudflareCustomHostname, "CreateCustomHostname", "custom_hostnames", cancellationToken).ConfigureAwait(false);
        return envelope.Result ?? new CloudflareCustomHostname { Hostname = request.Hostname, CustomOriginServer = request.CustomOriginServer };
    }

    public Task DeleteCustomHostnameAsync(string zoneId, string customHostnameId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"/zones/{Escape(zoneId)}/custom_hostnames/{Escape(customHostnameId)}", string.Empty, null,
            CloudflareJsonContext.Default.CloudflareEnvelopeJsonElement, "DeleteCustomHostname", "custom_hostnames", cancellationToken);

    public async Task<IReadOnlyList<CloudflareRegionalHostname>> ListRegionalHostnamesAsync(string zoneId, CancellationToken cancellationToken)
    {
        var envelope = await SendAsync(HttpMethod.Get, $"/zones/{Escape(zoneId)}/addressing/regional_hostnames", string.Empty, null,
            CloudflareJsonContext.Default.CloudflareEnvelopeListCloudflareRegionalHostname, "ListRegionalHostnames", "regional_hostnames", cancellationToken).ConfigureAwait(false);
        return envelope.Result ?? [];
    }

    public Task CreateRegionalHostnameAsync(string zoneId, string hostname, string regionKey, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new CloudflareRegionalHostname { Hostname = hostname, RegionKey = regionKey }, CloudflareJsonContext.Default.CloudflareRegionalHostname);
        return SendAsync(HttpMethod.Post, $"/zones/{Escape(zoneId)}/addressing/regional_hostnames", string.Empty, body,
            CloudflareJsonContext.Default.CloudflareEnvelopeCloudflareRegionalHostname, "CreateRegionalHostname", "regional_hostnames", cancellationToken);
    }

    public Task UpdateRegionalHostnameAsync(string zoneId, string hostname, string regionKey, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new CloudflareRegionalHostname { RegionKey = regionKey }, CloudflareJsonContext.Default.CloudflareRegionalHostname);
        return SendAsync(HttpMethod.Patch, $"/zones/{Escape(zoneId)}/addressing/regional_hostnames/{Escape(hostname)}", string.Empty, body,
            CloudflareJsonContext.Default.CloudflareEnvelopeCloudflareRegionalHostname, "UpdateRegionalHostname", "regional_hostnames", cancellationToken);
    }

    public Task DeleteRegionalHostnameAsync(string zoneId, string hostname, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"/zones/{Escape(zoneId)}/addressing/regional_hostnames/{Escape(hostname)}", string.Empty, null,
            CloudflareJsonContext.Default.CloudflareEnvelopeJsonElement, "DeleteRegionalHostname", "regional_hostnames", cancellationToken);

    public void Dispose() => _http.Dispose();

    private Task<CloudflareEnvelope<List<CloudflareDnsRecord>>> RecordPageAsync(string path, int page, int perPage, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, string.Create(CultureInfo.InvariantCulture, $"?page={page}&per_page={perPage}"), null,
            CloudflareJsonContext.Default.CloudflareEnvelopeListCloudflareDnsRecord, "ListDNSRecords", "dns_records", cancellationToken);

    private static bool IsLastPage(CloudflareResultInfo? info, int page, int count, int perPage) =>
        info is { TotalPages: > 0 } ? page >= info.TotalPages : count < (info?.PerPage > 0 ? info.PerPage : perPage) || count == 0;

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private async Task<CloudflareEnvelope<T>> SendAsync<T>(HttpMethod method, string path, string query, byte[]? body,
        JsonTypeInfo<CloudflareEnvelope<T>> type, string operation, string area, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, _base + path + query).WithOperation(operation);
        if (_credentials.Token is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else
        {
            request.Headers.TryAddWithoutValidation("X-Auth-Key", _credentials.Key);
            request.Headers.TryAddWithoutValidation("X-Auth-Email", _credentials.Email);
        }

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
            throw new ProviderConfigurationException($"Cloudflare API at {request.RequestUri?.Host}: the TLS handshake failed ({ex.InnerException.Message}); check CLOUDFLARE_BASE_URL", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ProviderTransientException($"Cloudflare API {method} {path} at {request.RequestUri?.Host}: {ex.HttpRequestError}", ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                CloudflareEnvelope<T>? envelope;
                try
                {
                    envelope = JsonSerializer.Deserialize(bytes, type);
                }
                catch (JsonException ex)
                {
                    throw new ProviderTransientException($"Cloudflare API {method} {path}: HTTP {status} with a body that is not the expected JSON ({ex.Message})", ex);
                }

                if (envelope is { Success: true })
                {
                    return envelope;
                }

                throw Refusal(method, path, status, envelope?.Errors ?? [], area, null);
            }

            var errors = ParseErrors(bytes, out var text);
            throw Refusal(method, path, status, errors, area, text);
        }
    }

    private Exception Refusal(HttpMethod method, string path, int status, List<CloudflareError> errors, string area, string? text)
    {
        var detail = Redact(errors.Count > 0 ? string.Join("; ", errors) : text ?? "(no body)");
        if (status is 401 or 403 || (status == 400 && errors.Any(e => AuthenticationCodes.Contains(e.Code) || (e.ErrorChain?.Any(c => AuthenticationCodes.Contains(c.Code)) ?? false))))
        {
            var needs = area switch
            {
                "zones" => "Zone:Read",
                "custom_hostnames" => "SSL and Certificates:Edit (Cloudflare for SaaS)",
                "regional_hostnames" => "DNS:Edit (Regional Services)",
                _ => method == HttpMethod.Get ? "DNS:Read" : "DNS:Edit",
            };
            return new ProviderConfigurationException(
                $"Cloudflare refused the credentials from {_credentials.Source} on {method} {path} (HTTP {status}: {detail}); check that they are valid and allow {needs} on this zone");
        }

        if (status == 429 || status >= 500)
        {
            return new ProviderTransientException($"Cloudflare API {method} {path}: HTTP {status} ({detail})");
        }

        return new CloudflareApiException($"Cloudflare refused {method} {path} (HTTP {status}: {detail})", status, errors);
    }

    /// <summary>Removes the credentials from a text the server sent back (an error page echoing a header).</summary>
    private string Redact(string text)
    {
        foreach (var secret in new[] { _credentials.Token, _credentials.Key })
        {
            if (!string.IsNullOrEmpty(secret) && text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, "[redacted]", StringComparison.Ordinal);
            }
        }

        return text;
    }

    private static List<CloudflareError> ParseErrors(byte[] bytes, out string? text)
    {
        text = null;
        try
        {
            var envelope = JsonSerializer.Deserialize(bytes, CloudflareJsonContext.Default.CloudflareEnvelopeJsonElement);
            if (envelope?.Errors is { Count: > 0 } errors)
            {
                return errors;
            }
        }
        catch (JsonException)
        {
            // Not the API envelope (an HTML error page of the edge): described by its start below.
        }

        var raw = System.Text.Encoding.UTF8.GetString(bytes).Trim();
        text = raw.Length == 0 ? "(no body)" : raw.StartsWith('<') ? "non-JSON (HTML) body" : raw.Length > MaxServerTextLength ? raw[..MaxServerTextLength] + "…" : raw;
        return [];
    }
}

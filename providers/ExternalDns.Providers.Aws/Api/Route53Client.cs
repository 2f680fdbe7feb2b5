using System.Diagnostics;
using System.Globalization;
using System.Net;
using Amazon.Runtime;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Core.Resilience;
using ExternalDns.Providers.Aws.Auth;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Aws.Api;

/// <summary>
/// Route53 over HTTP: REST-XML requests signed with SigV4, sent through the shared provider HTTP stack
/// (<see cref="ProviderHttpFactory"/>: per-attempt timeout, retries of 429/5xx/connection failures, metrics). Route53's
/// own transient answers, Throttling and PriorRequestNotComplete (HTTP 400 with that code in the body), are retried
/// here with <see cref="JitteredBackoff"/> within <see cref="Route53ClientOptions.MaxRetries"/> and the shared
/// <see cref="RetryBudget"/>. What stays transient after that becomes a <see cref="ProviderTransientException"/>. 401/403 become a <see cref="ProviderConfigurationException"/> naming where the
/// credentials came from (never a key or secret).
/// </summary>
public sealed class Route53Client : IRoute53Api, IDisposable
{
    private const string ApiVersion = "2013-04-01";

    private readonly HttpClient _http;
    private readonly Route53ClientOptions _options;
    private readonly Lazy<AwsCredentialSource> _credentials;
    private readonly TimeProvider _time;
    private readonly RetryBudget _budget;
    private readonly ILogger _logger;
    private readonly Dictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly Lock _callsLock = new();

    /// <param name="options">Endpoint, signing region, retries.</param>
    /// <param name="credentials">Resolves the credentials on first use (so a missing credential fails the first reconcile, not the process start).</param>
    /// <param name="http">The shared HTTP stack: its handler, clock and retry budget.</param>
    /// <param name="logger">Debug log of each request: method, path, status, duration.</param>
    public Route53Client(Route53ClientOptions options, Func<AwsCredentialSource> credentials, ProviderHttpFactory http, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(http);
        _options = options;
        _credentials = new Lazy<AwsCredentialSource>(credentials, LazyThreadSafetyMode.ExecutionAndPublication);
        _http = http.CreateClient(new ProviderHttpOptions
        {
            Provider = "aws",
            MaxRetries = options.MaxRetries,
            Timeout = options.Timeout,
            InitialBackoff = options.InitialBackoff,
            MaxBackoff = options.MaxBackoff,
            CaFile = options.CaFile,
            ClientCertFile = options.ClientCertFile,
            ClientKeyFile = options.ClientKeyFile,
        });
        _time = http.Time;
        _budget = http.Budget;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public string Endpoint => _options.Endpoint.GetLeftPart(UriPartial.Authority);

    /// <summary>HTTP requests sent per operation (every attempt counts).</summary>
    public IReadOnlyDictionary<string, int> Calls
    {
        get
        {
            lock (_callsLock)
            {
                return new Dictionary<string, int>(_calls, StringComparer.Ordinal);
            }
        }
    }

    public Task<HostedZonePage> ListHostedZonesAsync(string? marker, CancellationToken cancellationToken)
    {
        var query = new List<KeyValuePair<string, string>>();
        if (marker is not null)
        {
            query.Add(new("marker", marker));
        }

        query.Add(new("maxitems", "100"));
        return SendAsync("ListHostedZones", HttpMethod.Get, $"/{ApiVersion}/hostedzone", query, null, Route53Xml.ReadHostedZones, cancellationToken);
    }

    public Task<RecordSetPage> ListResourceRecordSetsAsync(string zoneId, RecordSetStart? start, int maxItems, CancellationToken cancellationToken)
    {
        var query = new List<KeyValuePair<string, string>>();
        if (start is not null)
        {
            query.Add(new("name", start.Name));
            if (start.Type is not null)
            {
                query.Add(new("type", start.Type));
            }

            if (start.Identifier is not null)
            {
                query.Add(new("identifier", start.Identifier));
            }
        }

        query.Add(new("maxitems", maxItems.ToString(CultureInfo.InvariantCulture)));
        return SendAsync("ListResourceRecordSets", HttpMethod.Get, $"/{ApiVersion}/hostedzone/{Uri.EscapeDataString(zoneId)}/rrset", query, null, Route53Xml.ReadRecordSets, cancellationToken);
    }

    public Task<string> ChangeResourceRecordSetsAsync(string zoneId, IReadOnlyList<Change> changes, CancellationToken cancellationToken) =>
        SendAsync("ChangeResourceRecordSets", HttpMethod.Post, $"/{ApiVersion}/hostedzone/{Uri.EscapeDataString(zoneId)}/rrset", [], Route53Xml.ChangeBatch(changes, null), Route53Xml.ReadChangeId, cancellationToken);

    public Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> ListTagsForResourcesAsync(IReadOnlyList<string> zoneIds, CancellationToken cancellationToken) =>
        SendAsync("ListTagsForResources", HttpMethod.Post, $"/{ApiVersion}/tags/hostedzone", [], Route53Xml.TagsRequest(zoneIds), Route53Xml.ReadTags, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<T> SendAsync<T>(
        string operation,
        HttpMethod method,
        string path,
        IReadOnlyList<KeyValuePair<string, string>> query,
        byte[]? body,
        Func<Stream, T> parse,
        CancellationToken cancellationToken)
    {
        var source = ResolveCredentials();
        var uri = new UriBuilder(_options.Endpoint)
        {
            Path = _options.Endpoint.AbsolutePath.TrimEnd('/') + path,
            Query = string.Join('&', query.Select(kv => Route53RequestSigner.Encode(kv.Key) + "=" + Route53RequestSigner.Encode(kv.Value))),
        }.Uri;
        var attempt = 0;
        var backoff = new JitteredBackoff(_options.InitialBackoff, _options.MaxBackoff);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var credentials = await GetCredentialsAsync(source).ConfigureAwait(false);
            using var request = new HttpRequestMessage(method, uri).WithOperation(operation);
            var payload = body ?? [];
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");
            }

            Route53RequestSigner.Sign(request, query, payload, credentials, _options.SigningRegion, _time.GetUtcNow());
            CountCall(operation);
            var started = Stopwatch.GetTimestamp();
            string failure;
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                AwsLog.Request(_logger, method.Method, uri.AbsolutePath, status, elapsed);
                if (response.IsSuccessStatusCode)
                {
                    var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                    await using (stream.ConfigureAwait(false))
                    {
                        return parse(stream);
                    }
                }

                var errorBody = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                var (code, messages) = Route53Xml.ReadError(errorBody);
                var message = messages.Count > 0 ? string.Join("; ", messages) : response.ReasonPhrase ?? string.Empty;
                if (status is 401 or 403)
                {
                    throw new ProviderConfigurationException(
                        $"Route53 {operation} at {Endpoint}: the AWS credentials from {source.Description} were refused ({status} {code}: {message})");
                }

                if (status == 400 && code == "InvalidChangeBatch")
                {
                    throw new InvalidChangeBatchException(messages.Count > 0 ? messages : [message]);
                }

                if (status is 429 or >= 500)
                {
                    // The HTTP stack has already retried these as far as --aws-api-retries and the budget allow.
                    throw new ProviderTransientException($"Route53 {operation} at {Endpoint} failed: {status} {code}: {message}");
                }

                if (status != 400 || code is not ("Throttling" or "ThrottlingException" or "PriorRequestNotComplete" or "RequestLimitExceeded"))
                {
                    throw new Route53ApiException(status, code, $"Route53 {operation} failed: {status} {code}: {message}");
                }

                failure = $"{status} {code}: {message}";
            }
            catch (HttpRequestException ex)
            {
                throw new ProviderTransientException($"Route53 {operation} at {Endpoint} failed: {ex.Message}", ex);
            }

            var wait = backoff.Next();
            if (attempt >= _options.MaxRetries || !_budget.TryConsume(wait))
            {
                throw new ProviderTransientException($"Route53 {operation} at {Endpoint} failed after {attempt + 1} attempt(s): {failure}");
            }

            AwsLog.Retrying(_logger, operation, failure, wait.TotalMilliseconds);
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            attempt++;
        }
    }

    private AwsCredentialSource ResolveCredentials()
    {
        try
        {
            return _credentials.Value;
        }
        catch (AmazonClientException ex)
        {
            throw new ProviderConfigurationException("could not load AWS credentials: " + ex.Message, ex);
        }
    }

    private static async Task<ImmutableCredentials> GetCredentialsAsync(AwsCredentialSource source)
    {
        try
        {
            return await source.Credentials.GetCredentialsAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AmazonClientException or AmazonServiceException or HttpRequestException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            if (IsTransient(ex))
            {
                throw new ProviderTransientException($"could not get AWS credentials from {source.Description}: {ex.Message}", ex);
            }

            throw new ProviderConfigurationException($"could not get AWS credentials from {source.Description}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// A credential service that could not be reached, timed out, throttled or answered 5xx (STS, the container
    /// credentials endpoint, IMDS): the next reconcile may succeed. Refusals (AccessDenied, InvalidIdentityToken, a
    /// missing token file) are configuration errors.
    /// </summary>
    private static bool IsTransient(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case HttpRequestException or TimeoutException or WebException or TaskCanceledException:
                    return true;
                case AmazonServiceException service when (int)service.StatusCode is 429 or >= 500
                    || service.ErrorCode is "Throttling" or "ThrottlingException" or "RequestLimitExceeded" or "IDPCommunicationError" or "ServiceUnavailable":
                    return true;
            }
        }

        return false;
    }

    private void CountCall(string operation)
    {
        lock (_callsLock)
        {
            _calls[operation] = _calls.GetValueOrDefault(operation) + 1;
        }
    }
}

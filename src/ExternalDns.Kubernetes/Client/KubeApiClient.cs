using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Kubernetes.Client;

/// <summary>
/// A small Kubernetes REST client: list (paginated), watch (newline-delimited JSON), get, create, update, patch,
/// status subresource and delete, generic over the caller's source-generated model type. Every request passes a
/// token-bucket rate limiter (<c>--kube-api-qps</c>/<c>--kube-api-burst</c>); non-watch requests have a timeout
/// (<c>--kube-api-request-timeout</c>) and are retried on 429/5xx honouring Retry-After. A 401 makes refreshable
/// credentials (token files, exec plugins) refresh and the request run once more.
/// </summary>
public sealed class KubeApiClient : IDisposable
{
    private const int MaxErrorBodyChars = 4096;
    private readonly HttpClient _http;
    private readonly KubeClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TokenBucketRateLimiter? _limiter;
    private readonly string _base;

    /// <param name="configuration">Server, TLS and credentials (see <see cref="KubeConfigLoader"/>).</param>
    /// <param name="options">Rate limit, timeout and retry settings; null = defaults.</param>
    /// <param name="handler">Transport for tests; null = a <see cref="SocketsHttpHandler"/> built from <paramref name="configuration"/>.</param>
    /// <param name="timeProvider">Clock for timeouts and retry delays.</param>
    /// <param name="logger">Debug-level request log; never logs credentials.</param>
    public KubeApiClient(KubeClientConfiguration configuration, KubeClientOptions? options = null, HttpMessageHandler? handler = null,
        TimeProvider? timeProvider = null, ILogger<KubeApiClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Configuration = configuration;
        _options = options ?? new KubeClientOptions();
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _http = new HttpClient(handler ?? KubeHttpHandlerFactory.Create(configuration), disposeHandler: handler is null)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _base = configuration.Server.GetLeftPart(UriPartial.Path).TrimEnd('/');
        if (_options.Qps > 0)
        {
            _limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, _options.Burst),
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1 / _options.Qps),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        }
    }

    public KubeClientConfiguration Configuration { get; }

    /// <summary>The namespace of the kubeconfig context or in-cluster service account.</summary>
    public string DefaultNamespace => Configuration.Namespace;

    /// <summary>Lists every object (following <c>continue</c> tokens until the last page).</summary>
    /// <param name="resource">What to list.</param>
    /// <param name="namespace">A namespace, or null for all namespaces / cluster-scoped resources.</param>
    /// <param name="typeInfo">Source-generated metadata of the model.</param>
    /// <param name="options">Selectors, page size, resource version.</param>
    /// <param name="cancellationToken">Cancels the whole loop.</param>
    public Task<KubeListResult<T>> ListAsync<T>(KubeResource resource, string? @namespace, JsonTypeInfo<T> typeInfo,
        ListOptions? options = null, CancellationToken cancellationToken = default)
        where T : class =>
        ListCoreAsync(resource, @namespace, typeInfo, options ?? new ListOptions(), null, cancellationToken);

    internal Task<KubeListResult<T>> ListCoreAsync<T>(KubeResource resource, string? @namespace, JsonTypeInfo<T> typeInfo,
        ListOptions options, Action<KubeObjectMeta, JsonException>? onDecodeError, CancellationToken cancellationToken)
        where T : class =>
        ListCoreAsync(resource, @namespace, typeInfo, options, onDecodeError, static (_, obj) => obj, identityOnly: false, cancellationToken);

    /// <summary>
    /// Lists page by page and hands every decoded item to <paramref name="project"/> at once, keeping only what it
    /// returns. Each page is streamed: the body is read through a pooled buffer and decoded item by item straight into
    /// <typeparamref name="T"/> (<see cref="ListPageParser{T}"/>), so neither a page's bytes nor its untrimmed objects
    /// are ever held whole. With a projection (an informer) the metadata kept per item is its identity only (name,
    /// namespace, uid, resource version); the plain <see cref="ListAsync{T}"/> keeps the full <see cref="KubeObjectMeta"/>.
    /// </summary>
    internal async Task<KubeListResult<TOut>> ListCoreAsync<T, TOut>(KubeResource resource, string? @namespace, JsonTypeInfo<T> typeInfo,
        ListOptions options, Action<KubeObjectMeta, JsonException>? onDecodeError, Func<KubeObjectMeta, T, TOut> project, CancellationToken cancellationToken)
        where T : class =>
        await ListCoreAsync(resource, @namespace, typeInfo, options, onDecodeError, project, identityOnly: true, cancellationToken).ConfigureAwait(false);

    private async Task<KubeListResult<TOut>> ListCoreAsync<T, TOut>(KubeResource resource, string? @namespace, JsonTypeInfo<T> typeInfo,
        ListOptions options, Action<KubeObjectMeta, JsonException>? onDecodeError, Func<KubeObjectMeta, T, TOut> project, bool identityOnly,
        CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(typeInfo);
        ArgumentNullException.ThrowIfNull(project);
        var path = resource.Path(@namespace);
        var items = new List<KubeObject<TOut>>();
        string? next = null;
        string resourceVersion = "";
        var pages = 0;
        var pageSize = options.PageSize;
        void OnItem(KubeObjectMeta metadata, T? obj, JsonException? error)
        {
            if (error is not null)
            {
                if (onDecodeError is null)
                {
                    throw new JsonException($"cannot decode {metadata.Key}: {error.Message}", error);
                }

                onDecodeError(metadata, error);
                return;
            }

            items.Add(new KubeObject<TOut>(metadata, project(metadata, obj!)));
        }

        while (true)
        {
            var query = new QueryBuilder()
                .Add("labelSelector", options.LabelSelector)
                .Add("fieldSelector", options.FieldSelector)
                .Add("limit", pageSize > 0 ? pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture) : null)
                .Add("continue", next)
                .Add("resourceVersion", next is null ? options.ResourceVersion : null);
            KubeListMeta? page;
            try
            {
                page = await ReadListPageAsync(path, query.ToString(), typeInfo, identityOnly, OnItem, items, cancellationToken).ConfigureAwait(false);
            }
            catch (KubeApiException e) when (e.IsGone && next is not null)
            {
                // The continue token expired mid-way (client-go's pager does the same): list everything in one go.
                items.Clear();
                next = null;
                pageSize = 0;
                resourceVersion = "";
                continue;
            }

            pages++;
            if (resourceVersion.Length == 0)
            {
                // The first page's (as client-go does); after a restart on 410 Gone, the full list's.
                resourceVersion = page?.ResourceVersion ?? "";
            }

            next = string.IsNullOrEmpty(page?.Continue) ? null : page.Continue;
            if (next is null)
            {
                break;
            }
        }

        return new KubeListResult<TOut>(items, resourceVersion, pages);
    }

    /// <summary>
    /// One list request, its body streamed through <see cref="ListPageParser{T}"/>. While the body is read,
    /// <c>--kube-api-request-timeout</c> is an idle timeout (re-armed whenever bytes arrive), so a large page that keeps
    /// arriving is never cut; a body that breaks or stalls is requested again (same retry count and
    /// backoff as a failed request), after dropping the items this attempt had already added.
    /// </summary>
    private async Task<KubeListMeta?> ReadListPageAsync<T, TOut>(string path, string query, JsonTypeInfo<T> typeInfo, bool identityOnly,
        Action<KubeObjectMeta, T?, JsonException?> onItem, List<KubeObject<TOut>> items, CancellationToken cancellationToken)
        where T : class
    {
        var maxAttempts = 1 + Math.Max(0, _options.MaxRetries);
        var itemsBefore = items.Count;
        for (var attempt = 1; ; attempt++)
        {
            using var response = await SendAsync(HttpMethod.Get, path, query, null, null, watch: false, cancellationToken, streamBody: true).ConfigureAwait(false);
            using var timeout = _options.RequestTimeout > TimeSpan.Zero ? new CancellationTokenSource(_options.RequestTimeout, _time) : null;
            using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            var token = linked?.Token ?? cancellationToken;
            Exception failure;
            try
            {
                var stream = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    using var buffer = new PooledStreamBuffer(stream);
                    var parser = new ListPageParser<T>(typeInfo, identityOnly, onItem);
                    while (true)
                    {
                        buffer.Consume(parser.Parse(buffer.Buffered, buffer.Eof));
                        if (parser.IsDone)
                        {
                            return parser.Metadata;
                        }

                        var more = await buffer.FillAsync(token).ConfigureAwait(false);
                        timeout?.CancelAfter(_options.RequestTimeout); // an idle timeout: a long page that keeps arriving is fine
                        if (!more)
                        {
                            if (!parser.HasStarted && buffer.Buffered.Trim(" \t\r\n"u8).IsEmpty)
                            {
                                return null; // An empty body: no items, no continue.
                            }

                            buffer.Consume(parser.Parse(buffer.Buffered, isFinalBlock: true));
                            return parser.Metadata;
                        }
                    }
                }
            }
            catch (JsonException e)
            {
                throw new KubeApiException($"Kubernetes API GET {path}: cannot decode the response: {e.Message}", 0, null, e);
            }
            catch (OperationCanceledException e) when (timeout is not null && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                failure = new KubeApiException(
                    $"Kubernetes API GET {path}: no data of the list response for {_options.RequestTimeout.TotalSeconds:0.###} s (--kube-api-request-timeout)", 0, null, e);
            }
            catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                failure = new KubeApiException($"Kubernetes API GET {path}: the list response broke: {e.Message}", 0, null, e);
            }

            items.RemoveRange(itemsBefore, items.Count - itemsBefore);
            if (attempt >= maxAttempts)
            {
                throw failure;
            }

            await DelayAsync(HttpMethod.Get, path, 0, attempt, maxAttempts, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Watches a collection. The sequence ends when the server closes the stream (for example after
    /// <see cref="WatchOptions.TimeoutSeconds"/>); a broken connection throws a transient <see cref="KubeApiException"/>;
    /// a failed start (for example 410 Gone) throws the mapped exception. ERROR events are yielded with their Status.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(KubeResource resource, string? @namespace, JsonTypeInfo<T> typeInfo,
        WatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(typeInfo);
        options ??= new WatchOptions();
        var path = resource.Path(@namespace);
        var query = new QueryBuilder()
            .Add("watch", "true")
            .Add("labelSelector", options.LabelSelector)
            .Add("fieldSelector", options.FieldSelector)
            .Add("resourceVersion", options.ResourceVersion)
            .Add("allowWatchBookmarks", options.AllowWatchBookmarks ? "true" : null)
            .Add("timeoutSeconds", options.TimeoutSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await SendAsync(HttpMethod.Get, path, query.ToString(), null, null, watch: true, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new PooledStreamBuffer(stream, 16 * 1024);
            var scanned = 0;
            while (true)
            {
                var ev = TryTakeWatchEvent(buffer, ref scanned, typeInfo, path);
                if (ev is not null)
                {
                    yield return ev;
                    continue;
                }

                if (buffer.Eof)
                {
                    yield break;
                }

                await FillWatchBufferAsync(buffer, path, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads one object; null when it does not exist (404).</summary>
    public async Task<T?> GetAsync<T>(KubeResource resource, string? @namespace, string name, JsonTypeInfo<T> typeInfo,
        CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentException.ThrowIfNullOrEmpty(name);
        try
        {
            return await SendForJsonAsync(HttpMethod.Get, resource.Path(@namespace, name), "", null, null, typeInfo, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>POST: creates an object. 409 AlreadyExists throws <see cref="KubeConflictException"/>.</summary>
    public async Task<T> CreateAsync<T>(KubeResource resource, string? @namespace, T obj, JsonTypeInfo<T> typeInfo,
        CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        var body = JsonSerializer.SerializeToUtf8Bytes(obj, typeInfo);
        return await SendForJsonAsync(HttpMethod.Post, resource.Path(@namespace), "", body, "application/json", typeInfo, cancellationToken).ConfigureAwait(false)
            ?? throw EmptyBody(HttpMethod.Post, resource.Path(@namespace));
    }

    /// <summary>PUT: replaces an object; a stale <c>metadata.resourceVersion</c> throws <see cref="KubeConflictException"/>.</summary>
    public Task<T> UpdateAsync<T>(KubeResource resource, string? @namespace, string name, T obj, JsonTypeInfo<T> typeInfo,
        CancellationToken cancellationToken = default)
        where T : class => PutAsync(resource, @namespace, name, null, obj, typeInfo, cancellationToken);

    /// <summary>PUT on the <c>status</c> subresource.</summary>
    public Task<T> UpdateStatusAsync<T>(KubeResource resource, string? @namespace, string name, T obj, JsonTypeInfo<T> typeInfo,
        CancellationToken cancellationToken = default)
        where T : class => PutAsync(resource, @namespace, name, "status", obj, typeInfo, cancellationToken);

    /// <summary>PATCH (merge patch by default) with a JSON body.</summary>
    public Task<T> PatchAsync<T>(KubeResource resource, string? @namespace, string name, string patch, JsonTypeInfo<T> typeInfo,
        PatchType patchType = PatchType.Merge, CancellationToken cancellationToken = default)
        where T : class => PatchCoreAsync(resource, @namespace, name, null, patch, typeInfo, patchType, cancellationToken);

    /// <summary>PATCH on the <c>status</c> subresource.</summary>
    public Task<T> PatchStatusAsync<T>(KubeResource resource, string? @namespace, string name, string patch, JsonTypeInfo<T> typeInfo,
        PatchType patchType = PatchType.Merge, CancellationToken cancellationToken = default)
        where T : class => PatchCoreAsync(resource, @namespace, name, "status", patch, typeInfo, patchType, cancellationToken);

    /// <summary>DELETE; false when the object did not exist.</summary>
    public async Task<bool> DeleteAsync(KubeResource resource, string? @namespace, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentException.ThrowIfNullOrEmpty(name);
        try
        {
            using var response = await SendAsync(HttpMethod.Delete, resource.Path(@namespace, name), "", null, null, watch: false, cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    /// <summary>Turns a Status (from an error body or a watch ERROR event) into the matching exception type.</summary>
    public static KubeApiException ExceptionFromStatus(string message, int statusCode, KubeStatus? status) =>
        statusCode switch
        {
            (int)HttpStatusCode.Conflict => new KubeConflictException(message, status),
            (int)HttpStatusCode.Gone => new KubeGoneException(message, status),
            _ when status?.Reason is "Expired" or "Gone" => new KubeGoneException(message, status),
            _ => new KubeApiException(message, statusCode, status),
        };

    public void Dispose()
    {
        _http.Dispose();
        _limiter?.Dispose();
    }

    private async Task<T> PutAsync<T>(KubeResource resource, string? @namespace, string name, string? subresource, T obj,
        JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var path = resource.Path(@namespace, name, subresource);
        var body = JsonSerializer.SerializeToUtf8Bytes(obj, typeInfo);
        return await SendForJsonAsync(HttpMethod.Put, path, "", body, "application/json", typeInfo, cancellationToken).ConfigureAwait(false)
            ?? throw EmptyBody(HttpMethod.Put, path);
    }

    private async Task<T> PatchCoreAsync<T>(KubeResource resource, string? @namespace, string name, string? subresource, string patch,
        JsonTypeInfo<T> typeInfo, PatchType patchType, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(patch);
        var path = resource.Path(@namespace, name, subresource);
        var contentType = patchType switch
        {
            PatchType.StrategicMerge => "application/strategic-merge-patch+json",
            PatchType.Json => "application/json-patch+json",
            _ => "application/merge-patch+json",
        };
        return await SendForJsonAsync(HttpMethod.Patch, path, "", Encoding.UTF8.GetBytes(patch), contentType, typeInfo, cancellationToken)
            .ConfigureAwait(false) ?? throw EmptyBody(HttpMethod.Patch, path);
    }

    private static KubeApiException EmptyBody(HttpMethod method, string path) =>
        new($"Kubernetes API {method} {path} returned an empty body", 0, null);

    /// <summary>
    /// The next complete line's event, or null when no complete line is buffered (at the end of the stream the rest is
    /// the last line). Blank lines are skipped. <paramref name="scanned"/> remembers how far a partial line was searched.
    /// </summary>
    private static WatchEvent<T>? TryTakeWatchEvent<T>(PooledStreamBuffer buffer, ref int scanned, JsonTypeInfo<T> typeInfo, string path)
        where T : class
    {
        while (true)
        {
            var data = buffer.Buffered;
            var newline = data[scanned..].IndexOf((byte)'\n');
            int length, consumed;
            if (newline >= 0)
            {
                length = scanned + newline;
                consumed = length + 1;
            }
            else if (buffer.Eof && !data.IsEmpty)
            {
                length = consumed = data.Length;
            }
            else
            {
                scanned = data.Length;
                return null;
            }

            var line = data[..length].Trim(" \t\r"u8);
            WatchEvent<T>? ev = null;
            if (!line.IsEmpty)
            {
                try
                {
                    ev = WatchLineParser.Parse(line, typeInfo);
                }
                catch (JsonException e)
                {
                    throw new KubeApiException($"Kubernetes API watch {path}: cannot decode an event: {e.Message}", 0, null, e);
                }
            }

            buffer.Consume(consumed);
            scanned = 0;
            if (ev is not null)
            {
                return ev;
            }
        }
    }

    private static async Task FillWatchBufferAsync(PooledStreamBuffer buffer, string path, CancellationToken cancellationToken)
    {
        try
        {
            await buffer.FillAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw new KubeApiException($"Kubernetes API watch {path}: the stream broke: {e.Message}", 0, null, e);
        }
    }

    private async Task<T?> SendForJsonAsync<T>(HttpMethod method, string path, string query, byte[]? body, string? contentType,
        JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, query, body, contentType, watch: false, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (bytes.Length == 0)
        {
            return default;
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, typeInfo);
        }
        catch (JsonException e)
        {
            throw new KubeApiException($"Kubernetes API {method} {path}: cannot decode the response: {e.Message}", 0, null, e);
        }
    }

    /// <param name="streamBody">Return once the headers are in (the caller streams the body); watches always do.</param>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string query, byte[]? body, string? contentType,
        bool watch, CancellationToken cancellationToken, bool streamBody = false)
    {
        var maxAttempts = 1 + Math.Max(0, _options.MaxRetries);
        var idempotent = method == HttpMethod.Get;
        var refreshedCredentials = false;
        var attempt = 0;
        while (true)
        {
            attempt++;
            if (_limiter is not null)
            {
                using var lease = await _limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            }

            using var timeout = !watch && _options.RequestTimeout > TimeSpan.Zero
                ? new CancellationTokenSource(_options.RequestTimeout, _time)
                : null;
            using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            var token = linked?.Token ?? cancellationToken;

            var credential = Configuration.Credentials is null
                ? KubeCredential.None
                : await Configuration.Credentials.GetCredentialAsync(token).ConfigureAwait(false);
            using var request = new HttpRequestMessage(method, _base + path + query);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.UserAgent.TryParseAdd(_options.UserAgent);
            request.Headers.Authorization = credential.Authorization;
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "application/json");
            }

            var started = _time.GetTimestamp();
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, watch || streamBody ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, token)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException e) when (timeout is not null && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                var error = new KubeApiException(
                    $"Kubernetes API {method} {path}: no answer within {_options.RequestTimeout.TotalSeconds:0.###} s (--kube-api-request-timeout)", 0, null, e);
                if (idempotent && attempt < maxAttempts)
                {
                    await DelayAsync(method, path, 0, attempt, maxAttempts, null, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw error;
            }
            catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
            {
                var error = new KubeApiException($"Kubernetes API {method} {path}: cannot reach {Configuration.Server.Authority}: {e.Message}", 0, null, e);
                if (idempotent && !watch && attempt < maxAttempts)
                {
                    await DelayAsync(method, path, 0, attempt, maxAttempts, null, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw error;
            }

            var code = (int)response.StatusCode;
            var elapsed = _time.GetElapsedTime(started);
            KubeClientLog.Request(_logger, method.Method, path, code, elapsed);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                if (code == (int)HttpStatusCode.Unauthorized && !refreshedCredentials && Configuration.Credentials is { } provider
                    && provider.Invalidate(credential))
                {
                    refreshedCredentials = true;
                    attempt--;
                    KubeClientLog.RefreshingCredentials(_logger, method.Method, path, provider.Description);
                    continue;
                }

                var status = await ReadStatusAsync(response, cancellationToken).ConfigureAwait(false);
                var retryAfter = RetryAfter(response, status);
                var transient = code is 429 or >= 500;
                if (!watch && transient && attempt < maxAttempts && (idempotent || code == 429 || retryAfter is not null))
                {
                    await DelayAsync(method, path, code, attempt, maxAttempts, retryAfter, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw ExceptionFromStatus(DescribeError(method, path, code, response.ReasonPhrase, status), code, status);
            }
        }
    }

    private async Task DelayAsync(HttpMethod method, string path, int code, int attempt, int maxAttempts, TimeSpan? retryAfter,
        CancellationToken cancellationToken)
    {
        TimeSpan delay;
        if (retryAfter is { } asked)
        {
            delay = asked;
        }
        else
        {
            var exponential = _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
#pragma warning disable CA5394 // Jitter, not security.
            delay = TimeSpan.FromMilliseconds(exponential * (0.5 + (Random.Shared.NextDouble() / 2)));
#pragma warning restore CA5394
        }

        if (delay > _options.RetryMaxDelay)
        {
            delay = _options.RetryMaxDelay;
        }

        KubeClientLog.Retrying(_logger, method.Method, path, code, delay, attempt, maxAttempts);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, KubeStatus? status)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return status?.Details?.RetryAfterSeconds is int seconds and > 0 ? TimeSpan.FromSeconds(seconds) : null;
    }

    private static async Task<KubeStatus?> ReadStatusAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return null;
        }

        if (text.Length > 0 && text.TrimStart().StartsWith('{'))
        {
            try
            {
                var status = JsonSerializer.Deserialize(text, KubeWireJsonContext.Default.KubeStatus);
                if (status is not null && (status.Kind == "Status" || status.Message is not null || status.Reason is not null))
                {
                    return status;
                }
            }
            catch (JsonException)
            {
                // Not a Status: fall through to the plain text.
            }
        }

        var plain = text.Trim();
        if (plain.Length > MaxErrorBodyChars)
        {
            plain = plain[..MaxErrorBodyChars];
        }

        return plain.Length == 0 ? null : new KubeStatus { Message = plain, Code = (int)response.StatusCode };
    }

    private string DescribeError(HttpMethod method, string path, int code, string? reasonPhrase, KubeStatus? status)
    {
        var detail = status?.Message is { Length: > 0 } m ? m : reasonPhrase ?? "no details";
        var reason = status?.Reason is { Length: > 0 } r ? r : reasonPhrase ?? code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var who = Configuration.Credentials?.Description
            ?? (Configuration.ClientCertificate is not null ? $"the client certificate of user '{Configuration.UserName}'" : "anonymous requests");
        return code switch
        {
            401 => $"Kubernetes API {method} {path}: 401 Unauthorized: {Configuration.Server.Authority} rejected the credentials of {who} ({Configuration.Source}): {detail}",
            403 => $"Kubernetes API {method} {path}: 403 Forbidden: {detail} (check the RBAC permissions of {who}, {Configuration.Source})",
            _ => $"Kubernetes API {method} {path}: {code} {reason}: {detail}",
        };
    }

    private sealed class QueryBuilder
    {
        private readonly StringBuilder _sb = new();

        public QueryBuilder Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                _sb.Append(_sb.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }

            return this;
        }

        public override string ToString() => _sb.ToString();
    }
}

using System.Text.Json.Serialization.Metadata;
using ExternalDns.Core.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Kubernetes.Client;

/// <summary>
/// Keeps a local cache of one kind of object, client-go style: lists, then watches from the list's resource version;
/// resumes a dropped watch from the last resource version seen (bookmarks included); relists on 410 Gone and reports
/// the objects that vanished meanwhile as deleted. Only the caller's trimmed projection (<typeparamref name="TCached"/>)
/// is stored. <see cref="IsInSync"/> is false until a list succeeds and again whenever a relist fails, so callers never
/// plan from a partial view.
/// </summary>
/// <typeparam name="TObject">The wire model the API returns.</typeparam>
/// <typeparam name="TCached">What the cache keeps per object.</typeparam>
public sealed class Informer<TObject, TCached>
    where TObject : class
{
    private readonly KubeApiClient _client;
    private readonly KubeResource _resource;
    private readonly JsonTypeInfo<TObject> _typeInfo;
    private readonly Func<TObject, TCached> _transform;
    private readonly InformerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly string _name;
    private Dictionary<string, Entry> _items = new(StringComparer.Ordinal);
    private readonly HashSet<string> _undecodable = new(StringComparer.Ordinal);
    private TaskCompletionSource _synced = NewSignal();
    private readonly TaskCompletionSource _settled = NewSignal();
    private volatile bool _notServed;
    private volatile bool _hasSynced;
    private volatile bool _inSync;
    private volatile Exception? _lastError;
    private string _resourceVersion = "";

    /// <param name="client">The API client.</param>
    /// <param name="resource">What to watch.</param>
    /// <param name="typeInfo">Source-generated metadata of <typeparamref name="TObject"/>.</param>
    /// <param name="transform">Projects a full object onto what the cache keeps (keep it small).</param>
    /// <param name="options">Namespace, selectors, backoff.</param>
    /// <param name="timeProvider">Clock for backoff delays and watch timeouts.</param>
    /// <param name="logger">Logger.</param>
    public Informer(KubeApiClient client, KubeResource resource, JsonTypeInfo<TObject> typeInfo, Func<TObject, TCached> transform,
        InformerOptions? options = null, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(typeInfo);
        ArgumentNullException.ThrowIfNull(transform);
        _client = client;
        _resource = resource;
        _typeInfo = typeInfo;
        _transform = transform;
        _options = options ?? new InformerOptions();
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _name = string.IsNullOrEmpty(_options.Namespace) ? resource.ToString() : resource + " in " + _options.Namespace;
    }

    /// <summary>Raised (on the informer's loop, one at a time) after the cache changed.</summary>
    public event EventHandler<InformerChangeEventArgs<TCached>>? Changed;

    /// <summary>Raised when <see cref="IsInSync"/> flips.</summary>
    public event EventHandler? SyncStateChanged;

    /// <summary>The first list has completed (it stays true, as client-go's HasSynced does).</summary>
    public bool HasSynced => _hasSynced;

    /// <summary>The cache reflects a complete, successful list plus the watch since; false while a (re)list is failing.</summary>
    public bool IsInSync => _inSync;

    /// <summary>
    /// The API server answered the last list with 404 Not Found: it does not serve this resource (a
    /// CustomResourceDefinition that is not installed, or an API version it does not have). The informer keeps
    /// retrying, every <see cref="InformerOptions.MaxBackoff"/>, and picks the resource up once it is served.
    /// </summary>
    public bool IsNotServed => _notServed;

    /// <summary>Raised when <see cref="IsNotServed"/> flips.</summary>
    public event EventHandler? ServedStateChanged;

    /// <summary>The last list or watch error, or null after a successful list.</summary>
    public Exception? LastError => _lastError;

    /// <summary>The resource version the next watch resumes from.</summary>
    public string ResourceVersion
    {
        get
        {
            lock (_lock)
            {
                return _resourceVersion;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>
    /// Keys (<c>namespace/name</c>) of objects the API returned but that could not be decoded; their last good
    /// projection (if any) stays cached. Sources report them as unresolved so nothing they own is deleted.
    /// </summary>
    public IReadOnlyCollection<string> UndecodableKeys
    {
        get
        {
            lock (_lock)
            {
                return [.. _undecodable];
            }
        }
    }

    /// <summary>A snapshot of every cached projection.</summary>
    public IReadOnlyList<TCached> List()
    {
        lock (_lock)
        {
            return [.. _items.Values.Select(e => e.Value)];
        }
    }

    /// <summary>A snapshot keyed by <c>namespace/name</c>.</summary>
    public IReadOnlyDictionary<string, TCached> Snapshot()
    {
        lock (_lock)
        {
            return _items.ToDictionary(p => p.Key, p => p.Value.Value, StringComparer.Ordinal);
        }
    }

    public bool TryGet(string? @namespace, string name, out TCached? value)
    {
        var key = string.IsNullOrEmpty(@namespace) ? name : @namespace + "/" + name;
        lock (_lock)
        {
            if (_items.TryGetValue(key, out var entry))
            {
                value = entry.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Completes once <see cref="IsInSync"/> is true.</summary>
    public async Task WaitForSyncAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task signal;
            lock (_lock)
            {
                if (_inSync)
                {
                    return;
                }

                signal = _synced.Task;
            }

            await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Completes once the first list has an answer that settles the cache's state: it succeeded, or the resource is
    /// not served (404). Transient failures keep it pending.
    /// </summary>
    public Task WaitForSettledAsync(CancellationToken cancellationToken) => _settled.Task.WaitAsync(cancellationToken);

    /// <summary>Lists and watches until <paramref name="cancellationToken"/> is cancelled. Never throws otherwise.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new JitteredBackoff(_options.InitialBackoff, _options.MaxBackoff);
        var needList = true;
        var watchFailures = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (needList)
                {
                    if (!await TryListAsync(backoff, cancellationToken).ConfigureAwait(false))
                    {
                        continue;
                    }

                    needList = false;
                    watchFailures = 0;
                }

                var outcome = await WatchOnceAsync(cancellationToken).ConfigureAwait(false);
                switch (outcome.Kind)
                {
                    case WatchOutcome.Ended:
                        watchFailures = 0;
                        backoff.Reset();
                        if (!outcome.Productive)
                        {
                            // The server closed an empty stream at once: do not hammer it.
                            await Task.Delay(backoff.Next(), _time, cancellationToken).ConfigureAwait(false);
                        }

                        break;
                    case WatchOutcome.Gone:
                        KubeClientLog.WatchGone(_logger, _name, ResourceVersion);
                        needList = true;
                        break;
                    case WatchOutcome.Broken:
                        // A stream that delivered events and then broke: resume at once from the last resource version.
                        watchFailures = 0;
                        break;
                    default:
                        watchFailures++;
                        _lastError = outcome.Error;
                        var delay = backoff.Next();
                        KubeClientLog.WatchFailed(_logger, _name, delay, outcome.Error?.Message ?? "unknown");
                        await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                        if (watchFailures >= _options.WatchFailuresBeforeRelist)
                        {
                            needList = true;
                        }

                        break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private async Task<bool> TryListAsync(JitteredBackoff backoff, CancellationToken cancellationToken)
    {
        KubeListResult<Listed> result;
        var undecodable = new List<string>();
        try
        {
            // Each item is projected (trimmed) as its page is decoded, so one page of full objects is alive at a time.
            result = await _client.ListCoreAsync(_resource, _options.Namespace, _typeInfo,
                new ListOptions { LabelSelector = _options.LabelSelector, FieldSelector = _options.FieldSelector, PageSize = _options.PageSize },
                (meta, error) =>
                {
                    undecodable.Add(meta.Key);
                    KubeClientLog.DecodeFailed(_logger, _name, meta.Key, error.Message);
                },
                Project,
                cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            _lastError = e;
            SetInSync(false);
            SetNotServed(true);
            _settled.TrySetResult();

            // Not a transient failure: look again at the slowest pace, so a CRD installed later is picked up.
            var delay = _options.MaxBackoff;
            KubeClientLog.NotServed(_logger, _name, delay);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _lastError = e;
            SetInSync(false);
            var delay = backoff.Next();
            KubeClientLog.ListFailed(_logger, _name, delay, e.Message);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            return false;
        }

        SetNotServed(false);
        Replace(result, undecodable);
        KubeClientLog.Listed(_logger, _name, result.Items.Count, result.ResourceVersion, result.Pages);
        _lastError = null;
        backoff.Reset();
        _hasSynced = true;
        SetInSync(true);
        _settled.TrySetResult();
        return true;
    }

    private async Task<(WatchOutcome Kind, bool Productive, Exception? Error)> WatchOnceAsync(CancellationToken cancellationToken)
    {
        var minSeconds = Math.Max(1, (int)_options.MinWatchTimeout.TotalSeconds);
#pragma warning disable CA5394 // Spreading reconnects, not security.
        var timeoutSeconds = minSeconds + Random.Shared.Next(minSeconds + 1);
#pragma warning restore CA5394
        using var watchTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds + 30), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, watchTimeout.Token);
        var options = new WatchOptions
        {
            LabelSelector = _options.LabelSelector,
            FieldSelector = _options.FieldSelector,
            ResourceVersion = ResourceVersion,
            AllowWatchBookmarks = true,
            TimeoutSeconds = timeoutSeconds,
        };
        var productive = false;
        try
        {
            await foreach (var ev in _client.WatchAsync(_resource, _options.Namespace, _typeInfo, options, linked.Token).ConfigureAwait(false))
            {
                if (ev.Type == WatchEventType.Error)
                {
                    var code = ev.Status?.Code ?? 0;
                    var error = KubeApiClient.ExceptionFromStatus(
                        $"watch of {_name} failed: {code} {ev.Status?.Reason}: {ev.Status?.Message}", code, ev.Status);
                    return error.IsGone ? (WatchOutcome.Gone, productive, error) : (productive ? WatchOutcome.Broken : WatchOutcome.Failed, productive, error);
                }

                productive = true;
                Apply(ev);
            }

            KubeClientLog.WatchEnded(_logger, _name, ResourceVersion, "closed by the server");
            return (WatchOutcome.Ended, productive, null);
        }
        catch (OperationCanceledException) when (watchTimeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            KubeClientLog.WatchEnded(_logger, _name, ResourceVersion, "client-side timeout");
            return (WatchOutcome.Ended, true, null);
        }
        catch (KubeApiException e) when (e.IsGone)
        {
            return (WatchOutcome.Gone, productive, e);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (productive)
            {
                KubeClientLog.WatchEnded(_logger, _name, ResourceVersion, e.Message);
                return (WatchOutcome.Broken, productive, e);
            }

            return (WatchOutcome.Failed, productive, e);
        }
    }

    private void Apply(WatchEvent<TObject> ev)
    {
        var key = ev.Metadata.Key;
        var rv = ev.Metadata.ResourceVersion ?? "";
        InformerChangeEventArgs<TCached>? change = null;
        lock (_lock)
        {
            if (rv.Length > 0)
            {
                _resourceVersion = rv;
            }

            if (ev.Type == WatchEventType.Bookmark)
            {
                return;
            }

            if (ev.Type == WatchEventType.Deleted)
            {
                _undecodable.Remove(key);
                if (_items.Remove(key, out var old))
                {
                    change = new(InformerChangeType.Deleted, key, old.Value, default);
                }
            }
            else if (ev.Object is null)
            {
                _undecodable.Add(key);
                KubeClientLog.DecodeFailed(_logger, _name, key, ev.DecodeError ?? "no object");
            }
            else if (TryTransform(ev.Object, key, out var projected))
            {
                _undecodable.Remove(key);
                var existed = _items.TryGetValue(key, out var old);
                _items[key] = new Entry(SharedResourceVersion(rv, projected), projected);
                change = existed
                    ? new(InformerChangeType.Updated, key, old.Value, projected)
                    : new(InformerChangeType.Added, key, default, projected);
            }
            else
            {
                _undecodable.Add(key);
            }
        }

        if (change is not null)
        {
            Raise(change);
        }
    }

    /// <summary>
    /// A listed item as the list decodes it: kept as cached (same resourceVersion), projected, or failed to project.
    /// Only this informer's loop writes <c>_items</c>, so what is seen here still holds when <see cref="Replace"/> runs.
    /// </summary>
    private Listed Project(KubeObjectMeta meta, TObject obj)
    {
        var key = meta.Key;
        var rv = meta.ResourceVersion ?? "";
        lock (_lock)
        {
            if (rv.Length > 0 && _items.TryGetValue(key, out var old) && old.ResourceVersion == rv)
            {
                return new Listed(Unchanged: true, Failed: false, default!);
            }
        }

        return TryTransform(obj, key, out var projected) ? new Listed(false, false, projected) : new Listed(false, true, default!);
    }

    private void Replace(KubeListResult<Listed> result, List<string> undecodable)
    {
        var changes = new List<InformerChangeEventArgs<TCached>>();
        lock (_lock)
        {
            var fresh = new Dictionary<string, Entry>(result.Items.Count, StringComparer.Ordinal);
            _undecodable.Clear();
            foreach (var item in result.Items)
            {
                var key = item.Metadata.Key;
                var rv = item.Metadata.ResourceVersion ?? "";
                var existed = _items.TryGetValue(key, out var old);
                var listed = item.Object;
                if (listed.Unchanged)
                {
                    if (existed)
                    {
                        fresh[key] = old;
                    }

                    continue;
                }

                if (listed.Failed)
                {
                    _undecodable.Add(key);
                    if (existed)
                    {
                        fresh[key] = old;
                    }

                    continue;
                }

                var projected = listed.Value;
                fresh[key] = new Entry(SharedResourceVersion(rv, projected), projected);
                changes.Add(existed
                    ? new(InformerChangeType.Updated, key, old.Value, projected)
                    : new(InformerChangeType.Added, key, default, projected));
            }

            foreach (var key in undecodable)
            {
                _undecodable.Add(key);
                if (!fresh.ContainsKey(key) && _items.TryGetValue(key, out var old))
                {
                    fresh[key] = old;
                }
            }

            foreach (var (key, old) in _items)
            {
                if (!fresh.ContainsKey(key))
                {
                    changes.Add(new(InformerChangeType.Deleted, key, old.Value, default));
                }
            }

            _items = fresh;
            _resourceVersion = result.ResourceVersion;
        }

        foreach (var change in changes)
        {
            Raise(change);
        }
    }

    /// <summary>The cached object's own resourceVersion instance when it is the same value (one string per object, not two).</summary>
    private static string SharedResourceVersion(string rv, TCached value) =>
        value is Models.KubeObject { Metadata.ResourceVersion: { } own } && string.Equals(own, rv, StringComparison.Ordinal) ? own : rv;

    private bool TryTransform(TObject obj, string key, out TCached projected)
    {
        try
        {
            projected = _transform(obj);
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            KubeClientLog.DecodeFailed(_logger, _name, key, "transform failed: " + e.Message);
            projected = default!;
            return false;
        }
    }

    private void Raise(InformerChangeEventArgs<TCached> change)
    {
        try
        {
            Changed?.Invoke(this, change);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            KubeClientLog.HandlerFailed(_logger, _name, e);
        }
    }

    private void SetInSync(bool value)
    {
        bool flipped;
        lock (_lock)
        {
            flipped = _inSync != value;
            _inSync = value;
            if (value)
            {
                _synced.TrySetResult();
            }
            else if (_synced.Task.IsCompleted)
            {
                _synced = NewSignal();
            }
        }

        if (flipped)
        {
            try
            {
                SyncStateChanged?.Invoke(this, EventArgs.Empty);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                KubeClientLog.HandlerFailed(_logger, _name, e);
            }
        }
    }

    private void SetNotServed(bool value)
    {
        if (_notServed == value)
        {
            return;
        }

        _notServed = value;
        try
        {
            ServedStateChanged?.Invoke(this, EventArgs.Empty);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            KubeClientLog.HandlerFailed(_logger, _name, e);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private enum WatchOutcome
    {
        Ended,
        Gone,
        Broken,
        Failed,
    }

    private readonly record struct Entry(string ResourceVersion, TCached Value);

    private readonly record struct Listed(bool Unchanged, bool Failed, TCached Value);
}

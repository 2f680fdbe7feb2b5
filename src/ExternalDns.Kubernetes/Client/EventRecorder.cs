using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Kubernetes.Client;

/// <summary>
/// Writes core/v1 Events in the background. <see cref="Record"/> never blocks and never throws: events are queued,
/// rate-limited per involved object (token bucket, client-go's spam filter defaults), and a repeat of the same
/// type + reason + message on the same object PATCHes <c>count</c> and <c>lastTimestamp</c> of the existing Event
/// instead of creating a new one. Failures are logged, never surfaced.
/// </summary>
public sealed class EventRecorder : IAsyncDisposable
{
    private readonly KubeApiClient _client;
    private readonly EventRecorderOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<SeriesKey, LinkedListNode<Series>> _series = [];
    private readonly LinkedList<Series> _lru = new();
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Task _worker;
    private readonly CancellationTokenSource _stop = new();
    private int _queued;
    private long _sequence;

    public EventRecorder(KubeApiClient client, EventRecorderOptions? options = null, TimeProvider? timeProvider = null, ILogger<EventRecorder>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new EventRecorderOptions();
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _worker = Task.Run(WorkAsync);
    }

    /// <summary>Events written (created or aggregated) so far.</summary>
    public int Written { get; private set; }

    /// <summary>Events dropped by the rate limiter or a full queue.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    private int _dropped;

    /// <summary>Queues an event about <paramref name="involvedObject"/>. Never blocks, never throws.</summary>
    /// <param name="involvedObject">The object the event is about (kind, namespace, name, uid).</param>
    /// <param name="type"><see cref="KubeEventTypes.Normal"/> or <see cref="KubeEventTypes.Warning"/>.</param>
    /// <param name="reason">Short CamelCase reason, e.g. <c>RecordCreated</c>.</param>
    /// <param name="message">Human-readable message.</param>
    public void Record(ObjectReference involvedObject, string type, string reason, string message)
    {
        if (involvedObject is null || string.IsNullOrEmpty(involvedObject.Name) || string.IsNullOrEmpty(reason))
        {
            KubeClientLog.EventDropped(_logger, reason ?? "", involvedObject?.Kind, involvedObject?.Namespace, involvedObject?.Name, "no involved object or reason");
            return;
        }

        if (Interlocked.Increment(ref _queued) > _options.QueueCapacity)
        {
            Interlocked.Decrement(ref _queued);
            Interlocked.Increment(ref _dropped);
            KubeClientLog.EventDropped(_logger, reason, involvedObject.Kind, involvedObject.Namespace, involvedObject.Name, "queue full");
            return;
        }

        var text = message ?? "";
        if (text.Length > _options.MaxMessageLength)
        {
            text = text[.._options.MaxMessageLength];
        }

        var item = new Work(involvedObject, type == KubeEventTypes.Warning ? KubeEventTypes.Warning : KubeEventTypes.Normal, reason, text,
            _time.GetUtcNow(), null);
        if (!_queue.Writer.TryWrite(item))
        {
            Interlocked.Decrement(ref _queued);
            KubeClientLog.EventDropped(_logger, reason, involvedObject.Kind, involvedObject.Namespace, involvedObject.Name, "recorder stopped");
        }
    }

    /// <summary>Completes when every event queued before the call has been written (or has failed).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new Work(null, "", "", "", default, done)))
        {
            return;
        }

        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops accepting events and writes those already queued (for at most 5 seconds).</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _worker.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Pending events are abandoned on shutdown: stop the worker before the client it writes through is disposed.
            await _stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await _worker.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The worker stopped as asked.
            }
        }

        _stop.Dispose();
    }

    private async Task WorkAsync()
    {
        await foreach (var work in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
        {
            if (work.Flushed is not null)
            {
                work.Flushed.TrySetResult();
                continue;
            }

            Interlocked.Decrement(ref _queued);
            try
            {
                await WriteAsync(work).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                KubeClientLog.EventFailed(_logger, work.Reason, work.Object!.Kind, work.Object.Namespace, work.Object.Name, e.Message);
            }
        }
    }

    private async Task WriteAsync(Work work)
    {
        var involved = work.Object!;
        var ns = string.IsNullOrEmpty(involved.Namespace) ? "default" : involved.Namespace;
        var objectKey = $"{involved.Kind}/{involved.Namespace}/{involved.Name}/{involved.Uid}";
        if (!TryTake(objectKey, work.At))
        {
            Interlocked.Increment(ref _dropped);
            KubeClientLog.EventDropped(_logger, work.Reason, involved.Kind, involved.Namespace, involved.Name, "rate limited");
            return;
        }

        var key = new SeriesKey(objectKey, work.Type, work.Reason, work.Message);
        if (_series.TryGetValue(key, out var node))
        {
            var series = node.Value;
            _lru.Remove(node);
            _lru.AddFirst(node);
            var patch = JsonSerializer.Serialize(new EventCountPatch { Count = series.Count + 1, LastTimestamp = work.At },
                KubeWireJsonContext.Default.EventCountPatch);
            try
            {
                await _client.PatchAsync(KubeResource.Events, series.Namespace, series.Name, patch, KubeClientJsonContext.Default.KubeEvent, cancellationToken: _stop.Token)
                    .ConfigureAwait(false);
                series.Count++;
                Written++;
                return;
            }
            catch (KubeApiException e) when (e.IsNotFound)
            {
                // The event expired (events have a TTL): start a new series below.
                _lru.Remove(node);
                _series.Remove(key);
            }
        }

        var name = $"{involved.Name}.{UniqueSuffix(work.At)}";
        var ev = new KubeEvent
        {
            Metadata = new KubeObjectMeta { Name = name, Namespace = ns },
            InvolvedObject = involved,
            Reason = work.Reason,
            Message = work.Message,
            Type = work.Type,
            Source = new EventSource { Component = _options.Component, Host = _options.Host },
            Count = 1,
            FirstTimestamp = work.At,
            LastTimestamp = work.At,
            ReportingComponent = _options.Component,
            ReportingInstance = _options.Host,
        };
        await _client.CreateAsync(KubeResource.Events, ns, ev, KubeClientJsonContext.Default.KubeEvent, _stop.Token).ConfigureAwait(false);
        Written++;
        var added = _lru.AddFirst(new Series(key, ns, name) { Count = 1 });
        _series[key] = added;
        while (_series.Count > Math.Max(1, _options.AggregationCacheSize) && _lru.Last is { } last)
        {
            _lru.RemoveLast();
            _series.Remove(last.Value.Key);
        }
    }

    private string UniqueSuffix(DateTimeOffset at)
    {
        // client-go names events <object>.<unix nanoseconds in hex>; a sequence keeps names unique within a tick.
        var nanos = (at.ToUnixTimeMilliseconds() * 1_000_000) + Interlocked.Increment(ref _sequence);
        return nanos.ToString("x", CultureInfo.InvariantCulture);
    }

    private bool TryTake(string objectKey, DateTimeOffset now)
    {
        var burst = Math.Max(1, _options.BurstPerObject);
        if (!_buckets.TryGetValue(objectKey, out var bucket))
        {
            bucket = new Bucket { Tokens = burst, Updated = now };
            _buckets[objectKey] = bucket;
            if (_buckets.Count > _options.AggregationCacheSize * 2)
            {
                // Forget full buckets of quiet objects.
                foreach (var stale in _buckets.Where(b => b.Value.Tokens >= burst).Select(b => b.Key).ToList())
                {
                    _buckets.Remove(stale);
                }
            }
        }

        if (_options.RefillPerObject > TimeSpan.Zero && now > bucket.Updated)
        {
            bucket.Tokens = Math.Min(burst, bucket.Tokens + ((now - bucket.Updated) / _options.RefillPerObject));
        }

        bucket.Updated = now;
        if (bucket.Tokens < 1)
        {
            return false;
        }

        bucket.Tokens -= 1;
        return true;
    }

    private sealed record Work(ObjectReference? Object, string Type, string Reason, string Message, DateTimeOffset At, TaskCompletionSource? Flushed);

    private readonly record struct SeriesKey(string Object, string Type, string Reason, string Message);

    private sealed class Series(SeriesKey key, string ns, string name)
    {
        public SeriesKey Key { get; } = key;

        public string Namespace { get; } = ns;

        public string Name { get; } = name;

        public int Count { get; set; }
    }

    private sealed class Bucket
    {
        public double Tokens { get; set; }

        public DateTimeOffset Updated { get; set; }
    }
}

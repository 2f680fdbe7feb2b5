namespace ExternalDns.Testing.Kubernetes;

/// <summary>
/// Fault injection for <see cref="KubeApiServer"/>: dropped watch streams, expired watches (410), history compaction,
/// failing requests (500 or any code, optionally only under a path prefix) and response delays. Token expiry is on
/// the server (<see cref="KubeApiServer.ExpireToken"/>, <see cref="KubeApiServer.RotateToken"/>).
/// </summary>
public sealed class KubeFaults
{
    private readonly Lock _lock = new();
    private readonly KubeObjectStore _store;
    private readonly List<Failure> _failures = [];
    private int _expiredWatches;
    private bool _expireWithHttpStatus;
    private TimeSpan _delay;
    private string? _delayPrefix;

    internal KubeFaults(KubeObjectStore store) => _store = store;

    /// <summary>Ends every open watch stream now: cleanly (the response ends, as when the server's watch timeout
    /// fires) or, with <paramref name="abort"/>, by resetting the connection/stream.</summary>
    public void DropWatches(bool abort = false) => _store.CloseWatches(abort);

    /// <summary>The next <paramref name="count"/> watch requests fail with 410 Expired: as the real server does, an
    /// HTTP 200 stream with one ERROR event carrying the Status; with <paramref name="asHttpStatus"/> a plain HTTP 410.</summary>
    public void ExpireNextWatches(int count = 1, bool asHttpStatus = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_lock)
        {
            _expiredWatches = count;
            _expireWithHttpStatus = asHttpStatus;
        }
    }

    /// <summary>Forgets the watch history (as an etcd compaction): resuming a watch from an older resourceVersion and
    /// continuing an older list now get 410.</summary>
    public void CompactHistory() => _store.Compact();

    /// <summary>The next <paramref name="count"/> requests (only those whose path starts with
    /// <paramref name="pathPrefix"/>, when given) fail with <paramref name="statusCode"/> and a Status body;
    /// 429 also carries <c>Retry-After: 1</c>.</summary>
    public void FailNextRequests(int count, int statusCode = 500, string? pathPrefix = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_lock)
        {
            _failures.Add(new Failure(count, statusCode, pathPrefix));
        }
    }

    /// <summary>Delays every response (under <paramref name="pathPrefix"/>, when given) by <paramref name="delay"/>;
    /// <see cref="TimeSpan.Zero"/> turns it off.</summary>
    public void DelayResponses(TimeSpan delay, string? pathPrefix = null)
    {
        lock (_lock)
        {
            _delay = delay;
            _delayPrefix = pathPrefix;
        }
    }

    /// <summary>Clears all pending faults (failures, expiries, delays).</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _failures.Clear();
            _expiredWatches = 0;
            _delay = TimeSpan.Zero;
            _delayPrefix = null;
        }
    }

    internal TimeSpan DelayFor(string path)
    {
        lock (_lock)
        {
            return _delayPrefix is null || path.StartsWith(_delayPrefix, StringComparison.Ordinal) ? _delay : TimeSpan.Zero;
        }
    }

    internal bool TryTakeFailure(string path, out int statusCode)
    {
        lock (_lock)
        {
            var failure = _failures.FirstOrDefault(f => f.Remaining > 0 && (f.PathPrefix is null || path.StartsWith(f.PathPrefix, StringComparison.Ordinal)));
            statusCode = failure?.StatusCode ?? 0;
            if (failure is null)
            {
                return false;
            }

            failure.Remaining--;
            _failures.RemoveAll(f => f.Remaining == 0);
            return true;
        }
    }

    internal bool TryTakeWatchExpiry(out bool asHttpStatus)
    {
        lock (_lock)
        {
            asHttpStatus = _expireWithHttpStatus;
            if (_expiredWatches == 0)
            {
                return false;
            }

            _expiredWatches--;
            return true;
        }
    }

    private sealed class Failure(int remaining, int statusCode, string? pathPrefix)
    {
        public int Remaining { get; set; } = remaining;

        public int StatusCode { get; } = statusCode;

        public string? PathPrefix { get; } = pathPrefix;
    }
}

namespace ExternalDns.Testing.Cloudflare;

/// <summary>
/// Fault injection for <see cref="CloudflareApiServer"/>: the next N calls (optionally of one operation, see
/// <see cref="CloudflareCallCounter"/> for the names) fail with 429 (with <c>Retry-After</c>) or a 5xx. 502 and 504
/// answer with an HTML page, as Cloudflare's edge does; other codes with the JSON envelope.
/// </summary>
public sealed class CloudflareFaults
{
    private readonly Lock _lock = new();
    private readonly List<Fault> _faults = [];
    private TimeSpan _delay;

    /// <summary>The next <paramref name="count"/> calls (of <paramref name="operation"/> when given) answer
    /// <paramref name="status"/>; 429 carries <c>Retry-After: <paramref name="retryAfterSeconds"/></c>.</summary>
    public void FailNext(int count, int status = 500, string? operation = null, int retryAfterSeconds = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_lock)
        {
            _faults.Add(new Fault(count, status, operation, retryAfterSeconds));
        }
    }

    /// <summary>The next <paramref name="count"/> calls are throttled: 429, code 971, <c>Retry-After</c>.</summary>
    public void ThrottleNext(int count, int retryAfterSeconds = 1, string? operation = null) =>
        FailNext(count, 429, operation, retryAfterSeconds);

    /// <summary>Delays every answer by <paramref name="delay"/> (zero turns it off).</summary>
    public void Delay(TimeSpan delay)
    {
        lock (_lock)
        {
            _delay = delay;
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _faults.Clear();
            _delay = TimeSpan.Zero;
        }
    }

    /// <summary>Faults not yet used up.</summary>
    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _faults.Sum(f => f.Remaining);
            }
        }
    }

    internal TimeSpan CurrentDelay
    {
        get
        {
            lock (_lock)
            {
                return _delay;
            }
        }
    }

    internal bool TryTake(string operation, out int status, out int retryAfterSeconds)
    {
        lock (_lock)
        {
            foreach (var fault in _faults)
            {
                if (fault.Remaining > 0 && (fault.Operation is null || fault.Operation == operation))
                {
                    fault.Remaining--;
                    status = fault.Status;
                    retryAfterSeconds = fault.RetryAfterSeconds;
                    _faults.RemoveAll(f => f.Remaining == 0);
                    return true;
                }
            }
        }

        status = 0;
        retryAfterSeconds = 0;
        return false;
    }

    private sealed class Fault(int remaining, int status, string? operation, int retryAfterSeconds)
    {
        public int Remaining { get; set; } = remaining;

        public int Status { get; } = status;

        public string? Operation { get; } = operation;

        public int RetryAfterSeconds { get; } = retryAfterSeconds;
    }
}

namespace ExternalDns.Core.Providers.Http;

/// <summary>
/// Retries allowed in one reconcile, across every provider call: at most <see cref="MaxRetries"/> retries and
/// <see cref="MaxTotalWait"/> of waiting between attempts. Once it is spent, a failing call returns (or throws) at
/// once, so a dead API fails the run in bounded time instead of hanging it. The composer calls <see cref="Reset"/> at
/// the start of every reconcile. Thread-safe.
/// </summary>
public sealed class RetryBudget
{
    /// <summary>The default number of retries per reconcile.</summary>
    public const int DefaultMaxRetries = 50;

    /// <summary>The default total wait between attempts per reconcile.</summary>
    public static readonly TimeSpan DefaultMaxTotalWait = TimeSpan.FromMinutes(2);

    private readonly Lock _lock = new();
    private int _retries;
    private TimeSpan _waited;

    public RetryBudget()
        : this(DefaultMaxRetries, DefaultMaxTotalWait)
    {
    }

    public RetryBudget(int maxRetries, TimeSpan maxTotalWait)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetries);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTotalWait, TimeSpan.Zero);
        MaxRetries = maxRetries;
        MaxTotalWait = maxTotalWait;
    }

    public int MaxRetries { get; }

    public TimeSpan MaxTotalWait { get; }

    /// <summary>Retries taken since the last <see cref="Reset"/>.</summary>
    public int RetriesUsed
    {
        get
        {
            lock (_lock)
            {
                return _retries;
            }
        }
    }

    /// <summary>Waiting taken since the last <see cref="Reset"/>.</summary>
    public TimeSpan WaitUsed
    {
        get
        {
            lock (_lock)
            {
                return _waited;
            }
        }
    }

    /// <summary>
    /// Takes one retry that first waits <paramref name="wait"/>: true when both fit in what is left, false (and nothing
    /// is taken) when not.
    /// </summary>
    public bool TryConsume(TimeSpan wait)
    {
        if (wait < TimeSpan.Zero)
        {
            wait = TimeSpan.Zero;
        }

        lock (_lock)
        {
            if (_retries >= MaxRetries || wait > MaxTotalWait - _waited)
            {
                return false;
            }

            _retries++;
            _waited += wait;
            return true;
        }
    }

    /// <summary>Gives the whole budget back (at the start of a reconcile).</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _retries = 0;
            _waited = TimeSpan.Zero;
        }
    }
}

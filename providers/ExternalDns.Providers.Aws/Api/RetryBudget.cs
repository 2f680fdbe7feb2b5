namespace ExternalDns.Providers.Aws.Api;

/// <summary>
/// Total time the client may spend waiting between retries until <see cref="Reset"/> (the provider resets it at the
/// start of every reconcile), so a throttled account slows a reconcile down but never stalls it.
/// </summary>
public sealed class RetryBudget
{
    private readonly Lock _lock = new();
    private readonly TimeSpan _total;
    private TimeSpan _left;

    public RetryBudget(TimeSpan total)
    {
        _total = total;
        _left = total;
    }

    public bool TryConsume(TimeSpan wait)
    {
        lock (_lock)
        {
            if (wait > _left)
            {
                return false;
            }

            _left -= wait;
            return true;
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _left = _total;
        }
    }
}

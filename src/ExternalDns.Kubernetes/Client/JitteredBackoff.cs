namespace ExternalDns.Kubernetes.Client;

/// <summary>Exponential backoff with up to 100 % added jitter (client-go's wait.Backoff with Jitter 1.0).</summary>
internal sealed class JitteredBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private TimeSpan _current;

    public JitteredBackoff(TimeSpan initial, TimeSpan max)
    {
        _initial = initial;
        _max = max;
        _current = initial;
    }

    public TimeSpan Next()
    {
        var basis = _current;
        var doubled = _current * 2;
        _current = doubled > _max ? _max : doubled;
#pragma warning disable CA5394 // Jitter, not security.
        return basis * (1 + Random.Shared.NextDouble());
#pragma warning restore CA5394
    }

    public void Reset() => _current = _initial;
}

namespace ExternalDns.Core.Resilience;

/// <summary>
/// Exponential backoff with up to 100 % added jitter (client-go's <c>wait.Backoff</c> with Jitter 1.0): the n-th
/// <see cref="Next"/> returns <c>base × (1 + r)</c>, r uniform in [0, 1), where the base starts at the initial delay and
/// doubles after each call up to the maximum. So a delay is at most twice <c>max</c>. Not thread-safe: one instance per
/// sequence of attempts.
/// </summary>
public sealed class JitteredBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly Func<double> _jitter;
    private TimeSpan _current;

    /// <param name="initial">The first base delay (negative counts as zero).</param>
    /// <param name="max">The largest base delay (below <paramref name="initial"/> counts as <paramref name="initial"/>).</param>
    public JitteredBackoff(TimeSpan initial, TimeSpan max)
        : this(initial, max, null)
    {
    }

    /// <param name="initial">The first base delay (negative counts as zero).</param>
    /// <param name="max">The largest base delay (below <paramref name="initial"/> counts as <paramref name="initial"/>).</param>
    /// <param name="jitter">Source of r in [0, 1) (tests pin it); null for <see cref="Random.Shared"/>.</param>
    public JitteredBackoff(TimeSpan initial, TimeSpan max, Func<double>? jitter)
    {
        _initial = initial < TimeSpan.Zero ? TimeSpan.Zero : initial;
        _max = max < _initial ? _initial : max;
#pragma warning disable CA5394 // Jitter, not security.
        _jitter = jitter ?? Random.Shared.NextDouble;
#pragma warning restore CA5394
        _current = _initial;
    }

    /// <summary>The next delay; the base doubles for the call after.</summary>
    public TimeSpan Next()
    {
        var basis = _current;
        _current = _current > _max / 2 ? _max : _current * 2;
        var extra = basis * Math.Clamp(_jitter(), 0, 1);
        return extra > TimeSpan.MaxValue - basis ? TimeSpan.MaxValue : basis + extra;
    }

    /// <summary>Starts again from the initial delay (after a success).</summary>
    public void Reset() => _current = _initial;
}

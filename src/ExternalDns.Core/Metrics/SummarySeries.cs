namespace ExternalDns.Core.Metrics;

/// <summary>One series of a <see cref="Summary"/>: a ring of recent observations, plus the all-time sum and count. Thread-safe.</summary>
public sealed class SummarySeries
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxAge;
    private readonly double[] _values;
    private readonly DateTimeOffset[] _observedAt;
    private int _next;
    private int _filled;
    private double _sum;
    private long _count;

    internal SummarySeries(TimeProvider time, int windowSize, TimeSpan maxAge)
    {
        _time = time;
        _maxAge = maxAge;
        _values = new double[windowSize];
        _observedAt = new DateTimeOffset[windowSize];
    }

    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    public double Sum
    {
        get
        {
            lock (_lock)
            {
                return _sum;
            }
        }
    }

    /// <summary>Records a value. NaN is ignored.</summary>
    public void Observe(double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        var now = _time.GetUtcNow();
        lock (_lock)
        {
            _values[_next] = value;
            _observedAt[_next] = now;
            _next = (_next + 1) % _values.Length;
            _filled = Math.Min(_filled + 1, _values.Length);
            _sum += value;
            _count++;
        }
    }

    /// <summary>The <paramref name="quantile"/> (0..1) of the observations in the window, nearest rank; NaN when the window is empty.</summary>
    public double Quantile(double quantile) => Snapshot([quantile]).Quantiles[0];

    internal (double[] Quantiles, double Sum, long Count) Snapshot(IReadOnlyList<double> quantiles)
    {
        var oldest = _time.GetUtcNow() - _maxAge;
        List<double> window;
        double sum;
        long count;
        lock (_lock)
        {
            window = new List<double>(_filled);
            for (var i = 0; i < _filled; i++)
            {
                if (_observedAt[i] >= oldest)
                {
                    window.Add(_values[i]);
                }
            }

            sum = _sum;
            count = _count;
        }

        window.Sort();
        var result = new double[quantiles.Count];
        for (var q = 0; q < quantiles.Count; q++)
        {
            if (window.Count == 0)
            {
                result[q] = double.NaN;
                continue;
            }

            var rank = (int)Math.Ceiling(quantiles[q] * window.Count);
            result[q] = window[Math.Clamp(rank - 1, 0, window.Count - 1)];
        }

        return (result, sum, count);
    }
}

namespace ExternalDns.Core.Metrics;

/// <summary>One series of a <see cref="Histogram"/>. Thread-safe.</summary>
public sealed class HistogramSeries
{
    private readonly Lock _lock = new();
    private readonly double[] _bounds;
    private readonly long[] _counts; // per bucket, not cumulative; the last slot is (largest bound, +Inf]
    private double _sum;
    private long _count;

    internal HistogramSeries(double[] bounds)
    {
        _bounds = bounds;
        _counts = new long[bounds.Length + 1];
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

    /// <summary>
    /// Records a value: it counts in every bucket whose upper bound is at least the value. NaN is ignored (it would
    /// turn <c>_sum</c> into NaN for good).
    /// </summary>
    public void Observe(double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        var index = Array.BinarySearch(_bounds, value);
        if (index < 0)
        {
            index = ~index; // first bound greater than the value (or the +Inf slot)
        }

        lock (_lock)
        {
            _counts[index]++;
            _sum += value;
            _count++;
        }
    }

    /// <summary>The cumulative count of each finite bucket (same order as <see cref="Histogram.Buckets"/>).</summary>
    public IReadOnlyList<long> CumulativeCounts() => Snapshot().Cumulative;

    internal (long[] Cumulative, double Sum, long Count) Snapshot()
    {
        lock (_lock)
        {
            var cumulative = new long[_bounds.Length];
            long running = 0;
            for (var i = 0; i < _bounds.Length; i++)
            {
                running += _counts[i];
                cumulative[i] = running;
            }

            return (cumulative, _sum, _count);
        }
    }
}

namespace ExternalDns.Core.Metrics;

/// <summary>One series (one combination of label values) of a counter or gauge. Thread-safe.</summary>
public sealed class MetricSeries
{
    private readonly Metric _family;
    private long _bits; // the double's bits: compare-and-swap on bits also works when the value is NaN

    internal MetricSeries(Metric family) => _family = family;

    public double Value => BitConverter.Int64BitsToDouble(Volatile.Read(ref _bits));

    /// <summary>Adds <paramref name="by"/> (a counter only ever grows: a negative amount is an error).</summary>
    public void Inc(double by = 1)
    {
        if (_family.Type == MetricType.Counter && !(by >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, $"metric {_family.Name} is a counter: it can only increase");
        }

        long current, updated;
        do
        {
            current = Volatile.Read(ref _bits);
            updated = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(current) + by);
        }
        while (Interlocked.CompareExchange(ref _bits, updated, current) != current);
    }

    public void Set(double value)
    {
        if (_family.Type == MetricType.Counter)
        {
            throw new InvalidOperationException($"metric {_family.Name} is a counter: it can only increase");
        }

        Interlocked.Exchange(ref _bits, BitConverter.DoubleToInt64Bits(value));
    }
}

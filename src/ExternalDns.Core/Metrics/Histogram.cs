using System.Text;

namespace ExternalDns.Core.Metrics;

/// <summary>
/// A Prometheus histogram family: each observation is counted in the first bucket whose upper bound is at least the
/// value; rendered as cumulative <c>_bucket{le="…"}</c> lines (the last one <c>le="+Inf"</c>, equal to <c>_count</c>),
/// <c>_sum</c> and <c>_count</c>.
/// </summary>
public sealed class Histogram : MetricFamily<HistogramSeries>
{
    /// <summary>Prometheus's default buckets (seconds): 5 ms to 10 s.</summary>
    public static readonly IReadOnlyList<double> DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly double[] _bounds;

    internal Histogram(string name, string help, IReadOnlyList<double> buckets, IReadOnlyList<string> labelNames, IReadOnlyDictionary<string, string> constLabels)
        : base(name, help, MetricType.Histogram, labelNames, constLabels)
    {
        var bounds = buckets.Where(b => !double.IsPositiveInfinity(b)).ToArray();
        if (bounds.Length == 0)
        {
            throw new ArgumentException($"histogram {name} needs at least one finite bucket", nameof(buckets));
        }

        for (var i = 0; i < bounds.Length; i++)
        {
            if (double.IsNaN(bounds[i]) || double.IsNegativeInfinity(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1]))
            {
                throw new ArgumentException($"histogram {name}: buckets must be finite and strictly increasing", nameof(buckets));
            }
        }

        _bounds = bounds;
    }

    /// <summary>The finite upper bounds, ascending (the <c>+Inf</c> bucket is implicit).</summary>
    public IReadOnlyList<double> Buckets => _bounds;

    /// <summary>Records a value in the unlabelled series.</summary>
    public void Observe(double value) => WithLabels().Observe(value);

    internal bool HasBuckets(IReadOnlyList<double> buckets) => _bounds.SequenceEqual(buckets.Where(b => !double.IsPositiveInfinity(b)));

    private protected override HistogramSeries CreateSeries() => new(_bounds);

    private protected override void WriteSeries(StringBuilder sb, IReadOnlyList<KeyValuePair<string, string>> labels, HistogramSeries series)
    {
        var (cumulative, sum, count) = series.Snapshot();
        for (var i = 0; i < _bounds.Length; i++)
        {
            sb.Append(Name).Append("_bucket");
            AppendLabels(sb, labels, "le", FormatValue(_bounds[i]));
            sb.Append(' ').Append(cumulative[i]).Append('\n');
        }

        sb.Append(Name).Append("_bucket");
        AppendLabels(sb, labels, "le", "+Inf");
        sb.Append(' ').Append(count).Append('\n');
        sb.Append(Name).Append("_sum");
        AppendLabels(sb, labels);
        sb.Append(' ').Append(FormatValue(sum)).Append('\n');
        sb.Append(Name).Append("_count");
        AppendLabels(sb, labels);
        sb.Append(' ').Append(count).Append('\n');
    }
}

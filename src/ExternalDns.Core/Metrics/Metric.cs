using System.Text;

namespace ExternalDns.Core.Metrics;

/// <summary>
/// A Prometheus counter or gauge family, with any number of variable labels and optional constant labels.
/// Thread-safe; values are doubles. The single-label shortcuts (<see cref="Inc(string, double)"/>,
/// <see cref="Set(string, double)"/>) need exactly one label; use <see cref="MetricFamily{TSeries}.WithLabels"/> for more.
/// </summary>
public sealed class Metric : MetricFamily<MetricSeries>
{
    internal Metric(string name, string help, MetricType type, IReadOnlyList<string> labelNames, IReadOnlyDictionary<string, string> constLabels)
        : base(name, help, type, labelNames, constLabels)
    {
        if (type is not (MetricType.Counter or MetricType.Gauge))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "a Metric is a counter or a gauge");
        }
    }

    /// <summary>The single label's name (null when the family has no label or several).</summary>
    public string? LabelName => LabelNames.Count == 1 ? LabelNames[0] : null;

    /// <summary>The value of an unlabelled metric.</summary>
    public double Value => Get();

    /// <summary>The value of the series with these label values; 0 when it does not exist.</summary>
    public double Get(params string[] labelValues) => Find(labelValues)?.Value ?? 0;

    public void Inc(double by = 1) => WithLabels().Inc(by);

    public void Inc(string labelValue, double by = 1) => WithLabels(labelValue).Inc(by);

    public void Set(double value) => WithLabels().Set(value);

    public void Set(string labelValue, double value) => WithLabels(labelValue).Set(value);

    private protected override MetricSeries CreateSeries() => new(this);

    private protected override void WriteSeries(StringBuilder sb, IReadOnlyList<KeyValuePair<string, string>> labels, MetricSeries series)
    {
        sb.Append(Name);
        AppendLabels(sb, labels);
        sb.Append(' ').Append(FormatValue(series.Value)).Append('\n');
    }
}

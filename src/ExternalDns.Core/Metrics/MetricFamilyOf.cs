using System.Collections.Concurrent;
using System.Text;

namespace ExternalDns.Core.Metrics;

/// <summary>A metric family whose series are of type <typeparamref name="TSeries"/>, one per combination of label values.</summary>
/// <typeparam name="TSeries">The series type (<see cref="MetricSeries"/>, <see cref="HistogramSeries"/>, <see cref="SummarySeries"/>).</typeparam>
public abstract class MetricFamily<TSeries> : MetricFamily
    where TSeries : class
{
    private readonly ConcurrentDictionary<string, (string[] Values, TSeries Series)> _series = new(StringComparer.Ordinal);

    private protected MetricFamily(string name, string help, MetricType type, IReadOnlyList<string> labelNames, IReadOnlyDictionary<string, string> constLabels)
        : base(name, help, type, labelNames, constLabels)
    {
    }

    /// <summary>The series for these label values (one per label name, in <see cref="MetricFamily.LabelNames"/> order), created on first use.</summary>
    public TSeries WithLabels(params string[] labelValues)
    {
        var key = Key(labelValues);
        return _series.GetOrAdd(key, static (_, state) => ([.. state.Values], state.Family.CreateSeries()), (Values: labelValues, Family: this)).Series;
    }

    /// <summary>The series for these label values if it exists, without creating it.</summary>
    public TSeries? Find(params string[] labelValues) => _series.TryGetValue(Key(labelValues), out var entry) ? entry.Series : null;

    public override void Reset() => _series.Clear();

    private protected abstract TSeries CreateSeries();

    private protected abstract void WriteSeries(StringBuilder sb, IReadOnlyList<KeyValuePair<string, string>> labels, TSeries series);

    internal override void WriteTo(StringBuilder sb)
    {
        WriteHeader(sb);
        if (LabelNames.Count == 0)
        {
            _ = WithLabels(); // an unlabelled family always has its one series
        }

        foreach (var (values, series) in _series.Values.OrderBy(e => e.Values, LabelValuesComparer.Instance))
        {
            var labels = new List<KeyValuePair<string, string>>(ConstLabels.Count + values.Length);
            labels.AddRange(ConstLabels);
            for (var i = 0; i < values.Length; i++)
            {
                labels.Add(new KeyValuePair<string, string>(LabelNames[i], values[i]));
            }

            // As Prometheus's Go client: label pairs sorted by name.
            labels.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            WriteSeries(sb, labels, series);
        }
    }

    private string Key(string[] labelValues)
    {
        ArgumentNullException.ThrowIfNull(labelValues);
        if (labelValues.Length != LabelNames.Count)
        {
            throw new ArgumentException(
                $"metric {Name} has {LabelNames.Count} labels ({string.Join(", ", LabelNames)}) but {labelValues.Length} values were given", nameof(labelValues));
        }

        foreach (var value in labelValues)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(labelValues));
        }

        return labelValues.Length switch
        {
            0 => string.Empty,
            1 => labelValues[0],
            _ => string.Concat(labelValues.Select(v => $"{v.Length}:{v};")), // length-prefixed: no two value lists share a key
        };
    }

    private sealed class LabelValuesComparer : IComparer<string[]>
    {
        public static readonly LabelValuesComparer Instance = new();

        public int Compare(string[]? x, string[]? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
            {
                var c = string.CompareOrdinal(x[i], y[i]);
                if (c != 0)
                {
                    return c;
                }
            }

            return x.Length.CompareTo(y.Length);
        }
    }
}

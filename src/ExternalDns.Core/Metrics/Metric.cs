using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace ExternalDns.Core.Metrics;

/// <summary>
/// One Prometheus metric family (a counter or a gauge), optionally with one label dimension.
/// Thread-safe; values are doubles.
/// </summary>
public sealed class Metric
{
    private readonly ConcurrentDictionary<string, double> _values = new(StringComparer.Ordinal);

    internal Metric(string name, string help, MetricType type, string? labelName)
    {
        Name = name;
        Help = help;
        Type = type;
        LabelName = labelName;
    }

    public string Name { get; }

    public string Help { get; }

    public MetricType Type { get; }

    public string? LabelName { get; }

    public double Value => Get(string.Empty);

    public double Get(string labelValue) => _values.TryGetValue(labelValue, out var v) ? v : 0;

    public void Inc(double by = 1) => Inc(string.Empty, by);

    public void Inc(string labelValue, double by = 1) => _values.AddOrUpdate(labelValue, by, (_, v) => v + by);

    public void Set(double value) => Set(string.Empty, value);

    public void Set(string labelValue, double value)
    {
        if (Type == MetricType.Counter)
        {
            throw new InvalidOperationException($"metric {Name} is a counter: it can only increase");
        }

        _values[labelValue] = value;
    }

    /// <summary>Removes every labelled value (for gauges recomputed on each run).</summary>
    public void Reset() => _values.Clear();

    internal void WriteTo(StringBuilder sb)
    {
        sb.Append("# HELP ").Append(Name).Append(' ').Append(Help).Append('\n');
        sb.Append("# TYPE ").Append(Name).Append(' ').Append(Type == MetricType.Counter ? "counter" : "gauge").Append('\n');
        if (LabelName is null)
        {
            sb.Append(Name).Append(' ').Append(Format(Value)).Append('\n');
            return;
        }

        foreach (var (label, value) in _values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            sb.Append(Name).Append('{').Append(LabelName).Append("=\"").Append(Escape(label)).Append("\"} ").Append(Format(value)).Append('\n');
        }
    }

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}

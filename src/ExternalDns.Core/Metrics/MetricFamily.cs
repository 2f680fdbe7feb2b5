using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ExternalDns.Core.Metrics;

/// <summary>
/// One Prometheus metric family: a name, a help text, a type, the names of its variable labels and its constant
/// labels. The series (one per combination of label values) live in the typed subclasses.
/// </summary>
public abstract partial class MetricFamily
{
    private protected MetricFamily(string name, string help, MetricType type, IReadOnlyList<string> labelNames, IReadOnlyDictionary<string, string> constLabels)
    {
        ArgumentNullException.ThrowIfNull(help);
        if (!MetricNamePattern().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a valid Prometheus metric name", nameof(name));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var label in labelNames.Concat(constLabels.Keys))
        {
            if (!LabelNamePattern().IsMatch(label) || label.StartsWith("__", StringComparison.Ordinal))
            {
                throw new ArgumentException($"metric {name}: '{label}' is not a valid label name", nameof(labelNames));
            }

            if ((type == MetricType.Histogram && label == "le") || (type == MetricType.Summary && label == "quantile"))
            {
                throw new ArgumentException($"metric {name}: the label name '{label}' is reserved for {type.ToString().ToLowerInvariant()}s", nameof(labelNames));
            }

            if (!seen.Add(label))
            {
                throw new ArgumentException($"metric {name}: label '{label}' is declared twice", nameof(labelNames));
            }
        }

        Name = name;
        Help = help;
        Type = type;
        LabelNames = [.. labelNames];
        ConstLabels = new SortedDictionary<string, string>(constLabels.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal), StringComparer.Ordinal);
    }

    public string Name { get; }

    public string Help { get; }

    public MetricType Type { get; }

    /// <summary>The variable labels, in the order their values are passed.</summary>
    public IReadOnlyList<string> LabelNames { get; }

    /// <summary>Labels with the same value on every series of this family (rendered on each line).</summary>
    public IReadOnlyDictionary<string, string> ConstLabels { get; }

    /// <summary>Removes every series (for values recomputed on each run). An unlabelled family renders as zero again.</summary>
    public abstract void Reset();

    internal abstract void WriteTo(StringBuilder sb);

    internal bool HasShape(MetricType type, IReadOnlyList<string> labelNames, IReadOnlyDictionary<string, string> constLabels) =>
        Type == type
        && LabelNames.SequenceEqual(labelNames, StringComparer.Ordinal)
        && ConstLabels.Count == constLabels.Count
        && constLabels.All(kv => ConstLabels.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private protected void WriteHeader(StringBuilder sb)
    {
        sb.Append("# HELP ").Append(Name).Append(' ').Append(EscapeHelp(Help)).Append('\n');
        sb.Append("# TYPE ").Append(Name).Append(' ').Append(Type.ToString().ToLowerInvariant()).Append('\n');
    }

    /// <summary>Appends <c>{a="1",b="2"}</c> (nothing when there are no labels); <paramref name="extraName"/> (le, quantile) goes last.</summary>
    private protected static void AppendLabels(StringBuilder sb, IReadOnlyList<KeyValuePair<string, string>> labels, string? extraName = null, string? extraValue = null)
    {
        if (labels.Count == 0 && extraName is null)
        {
            return;
        }

        sb.Append('{');
        var first = true;
        foreach (var (name, value) in labels)
        {
            if (!first)
            {
                sb.Append(',');
            }

            first = false;
            sb.Append(name).Append("=\"").Append(EscapeLabelValue(value)).Append('"');
        }

        if (extraName is not null)
        {
            if (!first)
            {
                sb.Append(',');
            }

            sb.Append(extraName).Append("=\"").Append(EscapeLabelValue(extraValue ?? string.Empty)).Append('"');
        }

        sb.Append('}');
    }

    /// <summary>A sample value as the text format wants it: shortest round-trip form, <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>.</summary>
    internal static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    internal static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    internal static string EscapeHelp(string help) =>
        help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricNamePattern();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelNamePattern();
}

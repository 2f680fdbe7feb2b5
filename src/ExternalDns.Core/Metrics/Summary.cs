using System.Globalization;
using System.Text;

namespace ExternalDns.Core.Metrics;

/// <summary>
/// A Prometheus summary family with the quantiles 0.5, 0.9 and 0.99 (as upstream's
/// <c>external_dns_http_request_duration_seconds</c>), plus <c>_sum</c> and <c>_count</c> over all observations.
/// <para>
/// Approximation: Prometheus's Go client estimates quantiles with a streaming algorithm over a sliding 10-minute window
/// (error bounds 0.05/0.01/0.001). Here each series keeps its most recent <see cref="WindowSize"/> observations and
/// computes the quantiles exactly (nearest rank) over those of them that are younger than <see cref="MaxAge"/>. Under
/// more than <see cref="WindowSize"/> observations per <see cref="MaxAge"/> the window is shorter than
/// <see cref="MaxAge"/>: the quantiles describe the most recent observations only. With no observation in the window
/// the quantiles are NaN (as in the Go client).
/// </para>
/// </summary>
public sealed class Summary : MetricFamily<SummarySeries>
{
    /// <summary>The quantiles rendered for every series.</summary>
    public static readonly IReadOnlyList<double> Quantiles = [0.5, 0.9, 0.99];

    /// <summary>Age of the oldest observation that counts for the quantiles (the Go client's default MaxAge).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    /// <summary>The most observations kept per series for the quantiles.</summary>
    public const int WindowSize = 1024;

    private readonly TimeProvider _time;

    internal Summary(string name, string help, IReadOnlyList<string> labelNames, IReadOnlyDictionary<string, string> constLabels, TimeProvider time)
        : base(name, help, MetricType.Summary, labelNames, constLabels)
    {
        _time = time;
    }

    /// <summary>Records a value in the unlabelled series.</summary>
    public void Observe(double value) => WithLabels().Observe(value);

    private protected override SummarySeries CreateSeries() => new(_time, WindowSize, MaxAge);

    private protected override void WriteSeries(StringBuilder sb, IReadOnlyList<KeyValuePair<string, string>> labels, SummarySeries series)
    {
        var (quantiles, sum, count) = series.Snapshot(Quantiles);
        for (var i = 0; i < Quantiles.Count; i++)
        {
            sb.Append(Name);
            AppendLabels(sb, labels, "quantile", Quantiles[i].ToString("R", CultureInfo.InvariantCulture));
            sb.Append(' ').Append(FormatValue(quantiles[i])).Append('\n');
        }

        sb.Append(Name).Append("_sum");
        AppendLabels(sb, labels);
        sb.Append(' ').Append(FormatValue(sum)).Append('\n');
        sb.Append(Name).Append("_count");
        AppendLabels(sb, labels);
        sb.Append(' ').Append(count).Append('\n');
    }
}

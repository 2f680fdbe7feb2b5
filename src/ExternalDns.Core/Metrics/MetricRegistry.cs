using System.Collections.Concurrent;
using System.Text;

namespace ExternalDns.Core.Metrics;

/// <summary>
/// The process's metrics, rendered in the Prometheus text exposition format (version 0.0.4). Names follow upstream
/// ExternalDNS (<c>external_dns_&lt;subsystem&gt;_&lt;name&gt;</c>) so existing dashboards and alerts keep working.
/// Registering a name again returns the existing family when its type, labels (and buckets) are the same, and throws
/// <see cref="InvalidOperationException"/> otherwise.
/// </summary>
public sealed class MetricRegistry
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    private readonly ConcurrentDictionary<string, MetricFamily> _metrics = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public MetricRegistry()
        : this(TimeProvider.System)
    {
    }

    /// <param name="time">The clock of the summaries' sliding windows.</param>
    public MetricRegistry(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>A counter with no label or with one label.</summary>
    public Metric Counter(string name, string help, string? labelName = null) =>
        Counter(name, help, labelName is null ? [] : [labelName]);

    public Metric Counter(string name, string help, IReadOnlyList<string> labelNames, IReadOnlyDictionary<string, string>? constLabels = null) =>
        GetOrAdd(name, MetricType.Counter, labelNames, constLabels, l => new Metric(name, help, MetricType.Counter, labelNames, l));

    /// <summary>A gauge with no label or with one label.</summary>
    public Metric Gauge(string name, string help, string? labelName = null) =>
        Gauge(name, help, labelName is null ? [] : [labelName]);

    public Metric Gauge(string name, string help, IReadOnlyList<string> labelNames, IReadOnlyDictionary<string, string>? constLabels = null) =>
        GetOrAdd(name, MetricType.Gauge, labelNames, constLabels, l => new Metric(name, help, MetricType.Gauge, labelNames, l));

    /// <summary>A histogram; <paramref name="buckets"/> are the finite upper bounds (default <see cref="Metrics.Histogram.DefaultBuckets"/>).</summary>
    public Histogram Histogram(
        string name,
        string help,
        IReadOnlyList<double>? buckets = null,
        IReadOnlyList<string>? labelNames = null,
        IReadOnlyDictionary<string, string>? constLabels = null)
    {
        buckets ??= Metrics.Histogram.DefaultBuckets;
        var histogram = GetOrAdd(name, MetricType.Histogram, labelNames ?? [], constLabels, l => new Histogram(name, help, buckets, labelNames ?? [], l));
        if (!histogram.HasBuckets(buckets))
        {
            throw new InvalidOperationException($"metric {name} is already registered with other buckets");
        }

        return histogram;
    }

    /// <summary>A summary with the quantiles 0.5, 0.9 and 0.99 (see <see cref="Metrics.Summary"/> for the window).</summary>
    public Summary Summary(string name, string help, IReadOnlyList<string>? labelNames = null, IReadOnlyDictionary<string, string>? constLabels = null) =>
        GetOrAdd(name, MetricType.Summary, labelNames ?? [], constLabels, l => new Summary(name, help, labelNames ?? [], l, _time));

    public MetricFamily? Find(string name) => _metrics.TryGetValue(name, out var m) ? m : null;

    public string Render()
    {
        var sb = new StringBuilder(4096);
        foreach (var metric in _metrics.Values.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            metric.WriteTo(sb);
        }

        return sb.ToString();
    }

    private T GetOrAdd<T>(string name, MetricType type, IReadOnlyList<string> labelNames, IReadOnlyDictionary<string, string>? constLabels, Func<IReadOnlyDictionary<string, string>, T> create)
        where T : MetricFamily
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(labelNames);
        constLabels ??= NoLabels;
        var metric = _metrics.GetOrAdd(name, _ => create(constLabels));
        if (metric is not T typed || !metric.HasShape(type, labelNames, constLabels))
        {
            throw new InvalidOperationException(
                $"metric {name} is already registered as a {metric.Type} with labels ({string.Join(", ", metric.LabelNames)}); " +
                $"it cannot be registered again as a {type} with labels ({string.Join(", ", labelNames)}) or other constant labels");
        }

        return typed;
    }
}

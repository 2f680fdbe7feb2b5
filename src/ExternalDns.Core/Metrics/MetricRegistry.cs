using System.Collections.Concurrent;
using System.Text;

namespace ExternalDns.Core.Metrics;

/// <summary>
/// The process's metrics, rendered in the Prometheus text exposition format. Names follow upstream ExternalDNS
/// (<c>external_dns_&lt;subsystem&gt;_&lt;name&gt;</c>) so existing dashboards and alerts keep working.
/// </summary>
public sealed class MetricRegistry
{
    private readonly ConcurrentDictionary<string, Metric> _metrics = new(StringComparer.Ordinal);

    public Metric Counter(string name, string help, string? labelName = null) => GetOrAdd(name, help, MetricType.Counter, labelName);

    public Metric Gauge(string name, string help, string? labelName = null) => GetOrAdd(name, help, MetricType.Gauge, labelName);

    public Metric? Find(string name) => _metrics.TryGetValue(name, out var m) ? m : null;

    public string Render()
    {
        var sb = new StringBuilder(4096);
        foreach (var metric in _metrics.Values.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            metric.WriteTo(sb);
        }

        return sb.ToString();
    }

    private Metric GetOrAdd(string name, string help, MetricType type, string? labelName)
    {
        var metric = _metrics.GetOrAdd(name, n => new Metric(n, help, type, labelName));
        if (metric.Type != type)
        {
            throw new InvalidOperationException($"metric {name} is already registered as a {metric.Type}");
        }

        return metric;
    }
}

namespace ExternalDns.Core.Metrics;

public enum MetricType
{
    Counter,
    Gauge,
    Histogram,
    Summary,
}

using System.Globalization;

namespace ExternalDns.Benchmarks.Kubernetes;

/// <summary>Order statistics of a sample in milliseconds (nearest-rank percentiles).</summary>
internal sealed record LatencyStats(int Count, double Min, double P50, double P90, double P99, double Max, double Mean)
{
    public static LatencyStats Of(IReadOnlyCollection<double> millis)
    {
        ArgumentOutOfRangeException.ThrowIfZero(millis.Count);
        var sorted = millis.Order().ToArray();
        double Rank(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencyStats(sorted.Length, sorted[0], Rank(0.50), Rank(0.90), Rank(0.99), sorted[^1], sorted.Average());
    }

    public string Row(string label) => string.Create(CultureInfo.InvariantCulture,
        $"| {label} | {Count:N0} | {Min:F1} | {P50:F1} | {P90:F1} | {P99:F1} | {Max:F1} | {Mean:F1} |");

    public const string Header = "| | n | min ms | p50 ms | p90 ms | p99 ms | max ms | mean ms |\n|---|---:|---:|---:|---:|---:|---:|---:|";
}

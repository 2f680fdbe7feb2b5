using System.Globalization;

namespace ExternalDns.Benchmarks.Kubernetes;

/// <summary>The samples of a Prometheus text exposition, keyed by <c>name</c> or <c>name{labels}</c> as written.</summary>
internal static class PrometheusText
{
    public static Dictionary<string, double> Parse(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            if (space <= 0)
            {
                continue;
            }

            if (double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                samples[line[..space]] = value;
            }
        }

        return samples;
    }

    public static double Get(Dictionary<string, double> samples, string key) => samples.TryGetValue(key, out var v) ? v : 0;
}

using System.Globalization;
using System.Text;

namespace ExternalDns.Cli.Tests.Metrics;

/// <summary>
/// A strict reader of the Prometheus text exposition format (version 0.0.4), written from its specification: every
/// family has one <c># HELP</c> and one <c># TYPE</c> line before its samples and appears once; sample names belong to
/// their family (<c>_bucket</c>/<c>_sum</c>/<c>_count</c> for histograms, quantiles and <c>_sum</c>/<c>_count</c> for
/// summaries); label values use only the escapes <c>\\</c>, <c>\"</c> and <c>\n</c>; no series repeats; histogram
/// buckets have ascending <c>le</c>, cumulative counts, end with <c>le="+Inf"</c> equal to <c>_count</c>. Throws
/// <see cref="FormatException"/> naming the line on the first violation.
/// </summary>
internal sealed class Exposition
{
    private static readonly string[] Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    public Dictionary<string, Family> Families { get; } = new(StringComparer.Ordinal);

    public sealed record Sample(string Name, IReadOnlyList<KeyValuePair<string, string>> Labels, double Value)
    {
        public string? Label(string name) => Labels.FirstOrDefault(l => l.Key == name).Value;
    }

    public sealed class Family(string name)
    {
        public string Name { get; } = name;

        public string? Help { get; set; }

        public string? Type { get; set; }

        public List<Sample> Samples { get; } = [];
    }

    public static Exposition Parse(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("the exposition does not end with a line feed");
        }

        var result = new Exposition();
        Family? current = null;
        var finished = new HashSet<string>(StringComparer.Ordinal);
        var seenSeries = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in text.Split('\n')[..^1])
        {
            lineNumber++;
            string Where() => $"line {lineNumber} \"{line}\"";
            if (line.StartsWith("# HELP ", StringComparison.Ordinal) || line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var rest = line[7..];
                var space = rest.IndexOf(' ', StringComparison.Ordinal);
                var name = space < 0 ? rest : rest[..space];
                var value = space < 0 ? string.Empty : rest[(space + 1)..];
                ValidateMetricName(name, Where);
                if (current?.Name != name)
                {
                    if (current is not null)
                    {
                        finished.Add(current.Name);
                    }

                    if (finished.Contains(name) || result.Families.ContainsKey(name))
                    {
                        throw new FormatException($"{Where()}: family {name} appears twice");
                    }

                    current = new Family(name);
                    result.Families[name] = current;
                }

                if (line[2] == 'H')
                {
                    if (current.Help is not null || current.Samples.Count > 0)
                    {
                        throw new FormatException($"{Where()}: a second HELP, or HELP after samples");
                    }

                    current.Help = UnescapeHelp(value, Where);
                }
                else
                {
                    if (current.Type is not null || current.Samples.Count > 0)
                    {
                        throw new FormatException($"{Where()}: a second TYPE, or TYPE after samples");
                    }

                    if (!Types.Contains(value))
                    {
                        throw new FormatException($"{Where()}: unknown type {value}");
                    }

                    current.Type = value;
                }

                continue;
            }

            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            var sample = ParseSample(line, Where);
            if (current is null || current.Help is null || current.Type is null || !BelongsTo(sample, current))
            {
                throw new FormatException($"{Where()}: sample without its family's HELP and TYPE before it");
            }

            var key = sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}";
            if (!seenSeries.Add(key))
            {
                throw new FormatException($"{Where()}: series {key} repeats");
            }

            current.Samples.Add(sample);
        }

        foreach (var family in result.Families.Values)
        {
            if (family.Help is null || family.Type is null)
            {
                throw new FormatException($"family {family.Name} lacks its HELP or TYPE line");
            }

            if (family.Type == "histogram")
            {
                CheckHistogram(family);
            }
        }

        return result;
    }

    private static bool BelongsTo(Sample sample, Family family) => family.Type switch
    {
        "histogram" => sample.Name == family.Name + "_bucket" || sample.Name == family.Name + "_sum" || sample.Name == family.Name + "_count",
        "summary" => sample.Name == family.Name || sample.Name == family.Name + "_sum" || sample.Name == family.Name + "_count",
        _ => sample.Name == family.Name,
    };

    private static void CheckHistogram(Family family)
    {
        static string Series(Sample s) => string.Join(",", s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
        foreach (var group in family.Samples.GroupBy(Series))
        {
            var buckets = group.Where(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal)).ToList();
            if (buckets.Count == 0)
            {
                throw new FormatException($"{family.Name}{{{group.Key}}}: a histogram series without buckets");
            }

            var bounds = buckets.Select(b => b.Label("le") ?? throw new FormatException($"{family.Name}: a bucket without le")).Select(ParseValue).ToList();
            for (var i = 1; i < buckets.Count; i++)
            {
                if (!(bounds[i] > bounds[i - 1]))
                {
                    throw new FormatException($"{family.Name}{{{group.Key}}}: le {bounds[i]} does not ascend after {bounds[i - 1]}");
                }

                if (buckets[i].Value < buckets[i - 1].Value)
                {
                    throw new FormatException($"{family.Name}{{{group.Key}}}: bucket counts are not cumulative at le={bounds[i]}");
                }
            }

            if (buckets[^1].Label("le") != "+Inf")
            {
                throw new FormatException($"{family.Name}{{{group.Key}}}: the last bucket is not le=\"+Inf\"");
            }

            var count = group.SingleOrDefault(s => s.Name.EndsWith("_count", StringComparison.Ordinal)) ?? throw new FormatException($"{family.Name}{{{group.Key}}}: no _count");
            _ = group.SingleOrDefault(s => s.Name.EndsWith("_sum", StringComparison.Ordinal)) ?? throw new FormatException($"{family.Name}{{{group.Key}}}: no _sum");
            if (count.Value != buckets[^1].Value)
            {
                throw new FormatException($"{family.Name}{{{group.Key}}}: _count {count.Value} differs from the +Inf bucket {buckets[^1].Value}");
            }
        }
    }

    private static Sample ParseSample(string line, Func<string> where)
    {
        var i = 0;
        while (i < line.Length && line[i] != '{' && line[i] != ' ')
        {
            i++;
        }

        var name = line[..i];
        ValidateMetricName(name, where);
        var labels = new List<KeyValuePair<string, string>>();
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (true)
            {
                if (line[i] == '}')
                {
                    i++;
                    break;
                }

                var eq = line.IndexOf('=', i);
                if (eq < 0)
                {
                    throw new FormatException($"{where()}: a label without '='");
                }

                var labelName = line[i..eq];
                if (labelName.Length == 0 || !(char.IsAsciiLetter(labelName[0]) || labelName[0] == '_') || !labelName.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                {
                    throw new FormatException($"{where()}: invalid label name \"{labelName}\"");
                }

                if (labels.Any(l => l.Key == labelName))
                {
                    throw new FormatException($"{where()}: label {labelName} repeats");
                }

                i = eq + 1;
                if (line[i] != '"')
                {
                    throw new FormatException($"{where()}: label value of {labelName} is not quoted");
                }

                i++;
                var value = new StringBuilder();
                while (line[i] != '"')
                {
                    if (line[i] == '\\')
                    {
                        value.Append(line[i + 1] switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            var other => throw new FormatException($"{where()}: invalid escape \\{other} in label {labelName}"),
                        });
                        i += 2;
                    }
                    else
                    {
                        value.Append(line[i]);
                        i++;
                    }
                }

                i++;
                labels.Add(new(labelName, value.ToString()));
                if (line[i] == ',')
                {
                    i++;
                }
                else if (line[i] != '}')
                {
                    throw new FormatException($"{where()}: expected ',' or '}}' after label {labelName}");
                }
            }
        }

        if (i >= line.Length || line[i] != ' ')
        {
            throw new FormatException($"{where()}: no space before the value");
        }

        var parts = line[(i + 1)..].Split(' ');
        if (parts.Length > 2 || (parts.Length == 2 && !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
        {
            throw new FormatException($"{where()}: expected a value and an optional integer timestamp");
        }

        return new Sample(name, labels, ParseValue(parts[0]));
    }

    private static double ParseValue(string s) => s switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
        _ => throw new FormatException($"invalid sample value \"{s}\""),
    };

    private static string UnescapeHelp(string help, Func<string> where)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < help.Length; i++)
        {
            if (help[i] != '\\')
            {
                sb.Append(help[i]);
                continue;
            }

            if (i + 1 >= help.Length || help[i + 1] is not ('\\' or 'n'))
            {
                throw new FormatException($"{where()}: invalid escape in HELP");
            }

            sb.Append(help[++i] == 'n' ? '\n' : '\\');
        }

        return sb.ToString();
    }

    private static void ValidateMetricName(string name, Func<string> where)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] is '_' or ':') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':'))
        {
            throw new FormatException($"{where()}: invalid metric name \"{name}\"");
        }
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ExternalDns.Kubernetes.Manifests;

/// <summary>
/// Converts YAML documents to JSON trees so one set of System.Text.Json models reads both API JSON and manifests.
/// Scalars follow the YAML 1.2 core schema: quoted scalars are strings; plain <c>true</c>/<c>false</c>, <c>null</c>/<c>~</c>,
/// integers and floats get their JSON types; everything else (including YAML 1.1's <c>yes</c>/<c>on</c>) is a string.
/// </summary>
public static partial class YamlJson
{
    /// <summary>Aliases are expanded; this bounds the expansion ("billion laughs") per document.</summary>
    private const int MaxNodes = 1_000_000;

    /// <summary>Parses every document of a YAML stream; throws <see cref="YamlException"/> (with a line) on bad syntax.</summary>
    public static List<JsonNode?> ParseDocuments(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var result = new List<JsonNode?>();
        foreach (var doc in stream.Documents)
        {
            var budget = MaxNodes;
            result.Add(Convert(doc.RootNode, 0, ref budget));
        }

        return result;
    }

    private static JsonNode? Convert(YamlNode node, int depth, ref int budget)
    {
        if (--budget < 0)
        {
            throw new YamlException(node.Start, node.End, $"the document expands to more than {MaxNodes} nodes");
        }

        if (depth > 100)
        {
            throw new YamlException(node.Start, node.End, "the document is nested more than 100 levels deep");
        }

        switch (node)
        {
            case YamlMappingNode map:
                {
                    var obj = new JsonObject();
                    foreach (var (k, v) in map.Children)
                    {
                        if (k is not YamlScalarNode key)
                        {
                            throw new YamlException(k.Start, k.End, "a mapping key must be a scalar");
                        }

                        obj[key.Value ?? string.Empty] = Convert(v, depth + 1, ref budget);
                    }

                    return obj;
                }

            case YamlSequenceNode seq:
                {
                    var arr = new JsonArray();
                    foreach (var item in seq.Children)
                    {
                        arr.Add(Convert(item, depth + 1, ref budget));
                    }

                    return arr;
                }

            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new YamlException(node.Start, node.End, $"unsupported YAML node {node.NodeType}");
        }
    }

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" || scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(value);
        }

        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (IntegerPattern().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        if (FloatPattern().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(value);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Kubernetes;

/// <summary>JSON patch (RFC 6902, <c>application/json-patch+json</c>): add, remove, replace, move, copy, test.
/// A failing operation throws a 422 <see cref="KubeApiException"/>.</summary>
public static class JsonPatch
{
    public static JsonNode? Apply(JsonNode? document, JsonArray operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        foreach (var operation in operations)
        {
            if (operation is not JsonObject op)
            {
                throw Fail("each operation must be an object");
            }

            var path = KubeJson.GetString(op, "path") ?? throw Fail("operation has no path");
            switch (KubeJson.GetString(op, "op"))
            {
                case "add":
                    document = Add(document, path, op["value"]?.DeepClone());
                    break;
                case "remove":
                    Remove(document, path);
                    break;
                case "replace":
                    Remove(document, path);
                    document = Add(document, path, op["value"]?.DeepClone());
                    break;
                case "move":
                {
                    var from = KubeJson.GetString(op, "from") ?? throw Fail("move has no from");
                    var value = Get(document, from)?.DeepClone();
                    Remove(document, from);
                    document = Add(document, path, value);
                    break;
                }

                case "copy":
                    document = Add(document, path, Get(document, KubeJson.GetString(op, "from") ?? throw Fail("copy has no from"))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(document, path), op["value"]))
                    {
                        throw Fail($"test failed at {path}");
                    }

                    break;
                default:
                    throw Fail($"unknown operation {KubeJson.GetString(op, "op")}");
            }
        }

        return document;
    }

    private static string[] Tokens(string path)
    {
        if (path.Length == 0)
        {
            return [];
        }

        if (path[0] != '/')
        {
            throw Fail($"invalid JSON pointer {path}");
        }

        return path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
    }

    private static JsonNode? Get(JsonNode? document, string path)
    {
        var node = document;
        foreach (var token in Tokens(path))
        {
            node = node switch
            {
                JsonObject o when o.TryGetPropertyValue(token, out var child) => child,
                JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => throw Fail($"path {path} does not exist"),
            };
        }

        return node;
    }

    private static (JsonNode? Parent, string Last) Parent(JsonNode? document, string path)
    {
        var tokens = Tokens(path);
        if (tokens.Length == 0)
        {
            return (null, string.Empty);
        }

        var parentPath = string.Concat(tokens[..^1].Select(t => "/" + t.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));
        return (Get(document, parentPath), tokens[^1]);
    }

    private static JsonNode? Add(JsonNode? document, string path, JsonNode? value)
    {
        var (parent, last) = Parent(document, path);
        switch (parent)
        {
            case null when path.Length == 0:
                return value;
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw Fail($"cannot add at {path}");
        }

        return document;
    }

    private static void Remove(JsonNode? document, string path)
    {
        var (parent, last) = Parent(document, path);
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                o.Remove(last);
                break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count:
                a.RemoveAt(i);
                break;
            default:
                throw Fail($"path {path} does not exist");
        }
    }

    private static KubeApiException Fail(string message) => new(422, "Invalid", "the server rejected our request due to an error in our request: " + message);
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Kubernetes;

/// <summary>Small helpers over <see cref="JsonObject"/> Kubernetes objects.</summary>
public static class KubeJson
{
    /// <summary>Serialisation as the Go server writes it: quotes as <c>\"</c>, not <c>\u0022</c>.</summary>
    public static JsonSerializerOptions WireOptions { get; } = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ToWire(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.ToJsonString(WireOptions);
    }

    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }

        metadata = new JsonObject();
        obj["metadata"] = metadata;
        return metadata;
    }

    public static string? GetString(JsonObject? obj, string property) =>
        obj?[property] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static string Name(JsonObject obj) => GetString(obj["metadata"] as JsonObject, "name") ?? string.Empty;

    public static string Namespace(JsonObject obj) => GetString(obj["metadata"] as JsonObject, "namespace") ?? string.Empty;

    public static long ResourceVersion(JsonObject obj) =>
        long.TryParse(GetString(obj["metadata"] as JsonObject, "resourceVersion"), NumberStyles.None, CultureInfo.InvariantCulture, out var rv) ? rv : 0;

    public static IReadOnlyDictionary<string, string> Labels(JsonObject obj)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj["metadata"] is JsonObject { } metadata && metadata["labels"] is JsonObject labels)
        {
            foreach (var (key, value) in labels)
            {
                result[key] = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString() ?? string.Empty;
            }
        }

        return result;
    }

    /// <summary>The value at a dotted path (<c>spec.nodeName</c>) as text: strings as is, lists joined with commas,
    /// other JSON as JSON; null when the path does not exist.</summary>
    public static string? PathValue(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(part, out node))
            {
                return null;
            }
        }

        return Text(node);
    }

    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonArray a => string.Join(",", a.Select(Text)),
        _ => node.ToJsonString(),
    };

    public static long? Long(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<JsonElement>(out var e) && e.TryGetInt64(out var l) => l,
        _ => null,
    };

    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static JsonObject Parse(string json) =>
        JsonNode.Parse(json) as JsonObject ?? throw new ArgumentException("not a JSON object", nameof(json));
}

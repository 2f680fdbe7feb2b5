using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ExternalDns.Kubernetes.Client;

/// <summary>
/// Decodes one line of a watch stream (<c>{"type":"ADDED","object":{…}}</c>, the two properties in either order) from
/// its UTF-8 bytes: the object is decoded straight into the model (or a Status for ERROR), with no string per line and no
/// intermediate document.
/// </summary>
internal static class WatchLineParser
{
    /// <summary>Throws <see cref="JsonException"/> for a line that is not a watch event; an object that does not decode
    /// into <typeparamref name="T"/> gives an event with <see cref="WatchEvent{T}.DecodeError"/> instead.</summary>
    public static WatchEvent<T> Parse<T>(ReadOnlySpan<byte> line, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        var reader = new Utf8JsonReader(line, isFinalBlock: true, state: default);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a watch event is not a JSON object");
        }

        WatchEventType? type = null;
        string? typeText = null;
        var obj = default(Utf8JsonReader);
        var hasObject = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            var isObject = !isType && reader.ValueTextEquals("object"u8);
            reader.Read();
            if (isType && reader.TokenType == JsonTokenType.String)
            {
                type = TypeOf(ref reader, out typeText);
            }
            else if (isObject && reader.TokenType == JsonTokenType.StartObject)
            {
                obj = reader;
                hasObject = true;
            }

            reader.Skip();
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException("a watch event is not a complete JSON object");
        }

        if (type is not { } eventType)
        {
            throw new JsonException($"unknown watch event type '{typeText}'");
        }

        if (!hasObject)
        {
            throw new JsonException($"watch event {typeText} has no object");
        }

        if (eventType == WatchEventType.Error)
        {
            return new WatchEvent<T>(eventType, new KubeObjectMeta(), null, JsonSerializer.Deserialize(ref obj, KubeWireJsonContext.Default.KubeStatus));
        }

        var metadata = ObjectMetadataReader.Read(obj, identityOnly: false);
        if (eventType == WatchEventType.Bookmark)
        {
            return new WatchEvent<T>(eventType, metadata, null, null);
        }

        try
        {
            return new WatchEvent<T>(eventType, metadata, JsonSerializer.Deserialize(ref obj, typeInfo), null);
        }
        catch (JsonException e)
        {
            return new WatchEvent<T>(eventType, metadata, null, null, e.Message);
        }
    }

    private static WatchEventType? TypeOf(ref Utf8JsonReader reader, out string? text)
    {
        text = null;
        if (reader.ValueTextEquals("ADDED"u8))
        {
            return WatchEventType.Added;
        }

        if (reader.ValueTextEquals("MODIFIED"u8))
        {
            return WatchEventType.Modified;
        }

        if (reader.ValueTextEquals("DELETED"u8))
        {
            return WatchEventType.Deleted;
        }

        if (reader.ValueTextEquals("BOOKMARK"u8))
        {
            return WatchEventType.Bookmark;
        }

        if (reader.ValueTextEquals("ERROR"u8))
        {
            return WatchEventType.Error;
        }

        text = reader.GetString();
        return null;
    }
}

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ExternalDns.Kubernetes.Client;

/// <summary>
/// Decodes one list response (<c>{"kind":…,"metadata":{…},"items":[…]}</c>, in any property order) incrementally, as
/// the bytes arrive: <see cref="Parse"/> is called with what is buffered and returns how much it consumed; it never
/// needs the whole page, only each complete item (it checks that an item is complete with a reader copy and
/// <see cref="Utf8JsonReader.TrySkip"/> before decoding it). Each item is decoded straight into the caller's
/// source-generated model and handed to <c>onItem</c> with its metadata; an item that does not decode is handed over
/// with its error instead (and skipped). The list's own <c>metadata</c> may come before or after <c>items</c>.
/// </summary>
/// <typeparam name="T">The caller's model type.</typeparam>
internal sealed class ListPageParser<T>
    where T : class
{
    private readonly JsonTypeInfo<T> _typeInfo;
    private readonly bool _identityOnly;
    private readonly Action<KubeObjectMeta, T?, JsonException?> _onItem;
    private JsonReaderState _state;
    private Stage _stage;

    /// <param name="typeInfo">Source-generated metadata of the model.</param>
    /// <param name="identityOnly">Per item read only name, namespace, uid and resource version (see <see cref="ObjectMetadataReader"/>).</param>
    /// <param name="onItem">Called per item: its metadata, and the object or the error that stopped its decoding.</param>
    public ListPageParser(JsonTypeInfo<T> typeInfo, bool identityOnly, Action<KubeObjectMeta, T?, JsonException?> onItem)
    {
        _typeInfo = typeInfo;
        _identityOnly = identityOnly;
        _onItem = onItem;
    }

    private enum Stage
    {
        Start,
        Property,
        Items,
        Done,
    }

    /// <summary>The list's <c>metadata</c>, once read (null if the page had none).</summary>
    public KubeListMeta? Metadata { get; private set; }

    /// <summary>At least the opening brace was read.</summary>
    public bool HasStarted => _stage != Stage.Start;

    /// <summary>The closing brace of the response was read.</summary>
    public bool IsDone => _stage == Stage.Done;

    /// <summary>
    /// Consumes as much of <paramref name="data"/> as forms complete tokens/items and returns the count. With
    /// <paramref name="isFinalBlock"/> (the stream has ended) an incomplete response throws <see cref="JsonException"/>.
    /// </summary>
    public int Parse(ReadOnlySpan<byte> data, bool isFinalBlock)
    {
        var reader = new Utf8JsonReader(data, isFinalBlock, _state);
        while (_stage != Stage.Done)
        {
            var checkpoint = reader;
            if (!reader.Read())
            {
                reader = checkpoint;
                break;
            }

            switch (_stage)
            {
                case Stage.Start:
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw new JsonException($"the list response is not a JSON object (it starts with {reader.TokenType})");
                    }

                    _stage = Stage.Property;
                    break;

                case Stage.Property:
                    if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        _stage = Stage.Done;
                        break;
                    }

                    if (!ReadProperty(ref reader))
                    {
                        reader = checkpoint;
                        return Suspend(ref reader, isFinalBlock);
                    }

                    break;

                case Stage.Items:
                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        _stage = Stage.Property;
                        break;
                    }

                    var item = reader;
                    if (!reader.TrySkip())
                    {
                        reader = checkpoint;
                        return Suspend(ref reader, isFinalBlock);
                    }

                    DecodeItem(item);
                    break;
            }
        }

        return Suspend(ref reader, isFinalBlock);
    }

    private int Suspend(ref Utf8JsonReader reader, bool isFinalBlock)
    {
        if (isFinalBlock && _stage != Stage.Done)
        {
            throw new JsonException("the list response ended before its closing brace");
        }

        _state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    /// <summary>The reader is on a top-level property name; false = its value is not complete yet (nothing consumed).</summary>
    private bool ReadProperty(ref Utf8JsonReader reader)
    {
        var isItems = reader.ValueTextEquals("items"u8);
        var isMetadata = !isItems && reader.ValueTextEquals("metadata"u8);
        if (!reader.Read())
        {
            return false;
        }

        if (isItems && reader.TokenType == JsonTokenType.StartArray)
        {
            _stage = Stage.Items;
            return true;
        }

        if (isItems && reader.TokenType != JsonTokenType.Null)
        {
            throw new JsonException($"the list's items is a {reader.TokenType}, not an array");
        }

        var value = reader;
        if (!reader.TrySkip())
        {
            return false;
        }

        if (isMetadata && value.TokenType == JsonTokenType.StartObject)
        {
            Metadata = JsonSerializer.Deserialize(ref value, KubeWireJsonContext.Default.KubeListMeta);
        }

        return true;
    }

    private void DecodeItem(Utf8JsonReader item)
    {
        if (item.TokenType != JsonTokenType.StartObject)
        {
            _onItem(new KubeObjectMeta(), null, new JsonException($"a list item is a {item.TokenType}, not an object"));
            return;
        }

        var metadata = ObjectMetadataReader.Read(item, _identityOnly);
        T? obj;
        try
        {
            obj = JsonSerializer.Deserialize(ref item, _typeInfo);
        }
        catch (JsonException e)
        {
            _onItem(metadata, null, e);
            return;
        }

        if (obj is not null)
        {
            _onItem(metadata, obj, null);
        }
    }
}

using System.Text.Json;

namespace ExternalDns.Kubernetes.Client;

/// <summary>
/// Reads the <c>metadata</c> of one buffered JSON object straight from a <see cref="Utf8JsonReader"/> (a copy, so the
/// caller's position is unchanged): the other top-level properties are skipped, not materialised.
/// </summary>
internal static class ObjectMetadataReader
{
    /// <summary>
    /// <paramref name="reader"/> is positioned on the object's <c>StartObject</c> and the whole object is buffered.
    /// <paramref name="identityOnly"/> reads name, namespace, uid and resource version only (no labels, no
    /// annotations). Undecodable metadata gives an empty one: the caller then reports the object's own decode error.
    /// </summary>
    public static KubeObjectMeta Read(Utf8JsonReader reader, bool identityOnly)
    {
        try
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return new KubeObjectMeta();
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isMetadata = reader.ValueTextEquals("metadata"u8);
                if (!reader.Read())
                {
                    break;
                }

                if (isMetadata && reader.TokenType == JsonTokenType.StartObject)
                {
                    if (!identityOnly)
                    {
                        return JsonSerializer.Deserialize(ref reader, KubeWireJsonContext.Default.KubeObjectMeta) ?? new KubeObjectMeta();
                    }

                    var identity = JsonSerializer.Deserialize(ref reader, KubeWireJsonContext.Default.ObjectIdentity);
                    return new KubeObjectMeta
                    {
                        Name = identity?.Name,
                        Namespace = identity?.Namespace,
                        Uid = identity?.Uid,
                        ResourceVersion = identity?.ResourceVersion,
                    };
                }

                if (!reader.TrySkip())
                {
                    break;
                }
            }
        }
        catch (JsonException)
        {
            // Metadata that does not decode: the caller's decode of the object reports the error.
        }

        return new KubeObjectMeta();
    }
}

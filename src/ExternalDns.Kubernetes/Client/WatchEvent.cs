namespace ExternalDns.Kubernetes.Client;

/// <summary>
/// One line of a watch stream. <see cref="Object"/> is set for ADDED/MODIFIED/DELETED; a BOOKMARK carries only
/// <see cref="Metadata"/> (its resource version); an ERROR carries <see cref="Status"/>.
/// </summary>
/// <typeparam name="T">The caller's model type.</typeparam>
public sealed class WatchEvent<T>
{
    public WatchEvent(WatchEventType type, KubeObjectMeta metadata, T? obj, KubeStatus? status, string? decodeError = null)
    {
        Type = type;
        Metadata = metadata;
        Object = obj;
        Status = status;
        DecodeError = decodeError;
    }

    public WatchEventType Type { get; }

    public KubeObjectMeta Metadata { get; }

    public T? Object { get; }

    public KubeStatus? Status { get; }

    /// <summary>
    /// Set when the object could not be decoded into <typeparamref name="T"/> (then <see cref="Object"/> is null but
    /// <see cref="Metadata"/> is known), so one broken object does not end the stream.
    /// </summary>
    public string? DecodeError { get; }
}

namespace ExternalDns.Kubernetes.Client;

/// <summary>
/// One line of a watch stream. <see cref="Object"/> is set for ADDED/MODIFIED/DELETED; a BOOKMARK carries only
/// <see cref="Metadata"/> (its resource version); an ERROR carries <see cref="Status"/>.
/// </summary>
/// <typeparam name="T">The caller's model type.</typeparam>
public sealed class WatchEvent<T>
{
    public WatchEvent(WatchEventType type, KubeObjectMeta metadata, T? obj, KubeStatus? status)
    {
        Type = type;
        Metadata = metadata;
        Object = obj;
        Status = status;
    }

    public WatchEventType Type { get; }

    public KubeObjectMeta Metadata { get; }

    public T? Object { get; }

    public KubeStatus? Status { get; }
}

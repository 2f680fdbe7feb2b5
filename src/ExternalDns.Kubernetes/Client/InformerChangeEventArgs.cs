namespace ExternalDns.Kubernetes.Client;

/// <summary>A change to an informer's cache: the key (<c>namespace/name</c>) and the trimmed projections before and after.</summary>
/// <typeparam name="TCached">The trimmed projection the informer stores.</typeparam>
public sealed class InformerChangeEventArgs<TCached> : EventArgs
{
    public InformerChangeEventArgs(InformerChangeType changeType, string key, TCached? oldObject, TCached? newObject)
    {
        ChangeType = changeType;
        Key = key;
        OldObject = oldObject;
        NewObject = newObject;
    }

    public InformerChangeType ChangeType { get; }

    public string Key { get; }

    /// <summary>The previous projection (Updated, Deleted).</summary>
    public TCached? OldObject { get; }

    /// <summary>The new projection (Added, Updated).</summary>
    public TCached? NewObject { get; }
}

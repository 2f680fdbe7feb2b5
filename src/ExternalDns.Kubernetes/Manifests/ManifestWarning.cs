namespace ExternalDns.Kubernetes.Manifests;

/// <summary>
/// A problem in a manifest file: <see cref="Document"/> is the 1-based document index in a multi-document file
/// (null for the whole file), <see cref="Object"/> the object (<c>Kind ns/name</c>) when known.
/// </summary>
public sealed record ManifestWarning(string File, int? Document, string? Object, string Message)
{
    public override string ToString()
    {
        var where = Document is { } d ? $"{File} (document {d})" : File;
        return Object is null ? $"{where}: {Message}" : $"{where}: {Object}: {Message}";
    }
}

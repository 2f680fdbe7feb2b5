namespace ExternalDns.Kubernetes.Client;

/// <summary>The content type of a PATCH body.</summary>
public enum PatchType
{
    /// <summary><c>application/merge-patch+json</c> (RFC 7386).</summary>
    Merge,

    /// <summary><c>application/strategic-merge-patch+json</c> (built-in types only).</summary>
    StrategicMerge,

    /// <summary><c>application/json-patch+json</c> (RFC 6902).</summary>
    Json,
}

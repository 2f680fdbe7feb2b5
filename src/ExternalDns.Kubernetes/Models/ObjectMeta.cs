namespace ExternalDns.Kubernetes.Models;

/// <summary>The part of <c>metadata</c> that ExternalDns reads.</summary>
public sealed class ObjectMeta
{
    public string? Name { get; set; }

    public string? Namespace { get; set; }

    public string? Uid { get; set; }

    public long Generation { get; set; }

    public string? ResourceVersion { get; set; }

    /// <summary>RFC 3339 time; set while the object is being deleted.</summary>
    public string? DeletionTimestamp { get; set; }

    public Dictionary<string, string>? Labels { get; set; }

    public Dictionary<string, string>? Annotations { get; set; }
}

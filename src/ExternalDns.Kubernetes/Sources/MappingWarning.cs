namespace ExternalDns.Kubernetes.Sources;

/// <summary>
/// A problem found while turning one object into endpoints, returned as data so the caller can log it and, later,
/// emit a Kubernetes Event on <see cref="Object"/>. <see cref="Annotation"/> and <see cref="Value"/> are set when the
/// problem is an annotation's value.
/// </summary>
public sealed record MappingWarning(ResourceRef Object, string Message, string? Annotation = null, string? Value = null)
{
    public override string ToString() => $"{Object.ResourceLabel}: {Message}";
}

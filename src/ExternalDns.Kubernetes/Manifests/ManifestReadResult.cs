using ExternalDns.Kubernetes.Sources;

namespace ExternalDns.Kubernetes.Manifests;

/// <summary>What <see cref="ManifestReader"/> found: the objects, warnings, problems that make the view incomplete, and objects that could not be read.</summary>
public sealed record ManifestReadResult(
    KubernetesObjectSet Objects,
    IReadOnlyList<ManifestWarning> Warnings,
    IReadOnlyList<string> IncompleteReasons,
    IReadOnlySet<string> UnreadableResources)
{
    /// <summary>Resource label kinds whose records depend on an object that could not be read (a Gateway for its routes).</summary>
    public IReadOnlySet<string> UnreadableKinds { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}

using ExternalDns.Kubernetes.Sources;

namespace ExternalDns.Kubernetes.Manifests;

/// <summary>What <see cref="ManifestReader"/> found: the objects, warnings, problems that make the view incomplete, and objects that could not be read.</summary>
public sealed record ManifestReadResult(
    KubernetesObjectSet Objects,
    IReadOnlyList<ManifestWarning> Warnings,
    IReadOnlyList<string> IncompleteReasons,
    IReadOnlySet<string> UnreadableResources);

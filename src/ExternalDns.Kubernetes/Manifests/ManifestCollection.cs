using ExternalDns.Core.Sources;
using ExternalDns.Kubernetes.Sources;

namespace ExternalDns.Kubernetes.Manifests;

/// <summary>One pass of the manifest source: the source result plus every warning (file-level and mapping).</summary>
public sealed record ManifestCollection(SourceResult Result, IReadOnlyList<ManifestWarning> FileWarnings, IReadOnlyList<MappingWarning> MappingWarnings)
{
    /// <summary>Informational notes (why an object publishes nothing), logged at Information.</summary>
    public IReadOnlyList<MappingWarning> Notices { get; init; } = [];
}

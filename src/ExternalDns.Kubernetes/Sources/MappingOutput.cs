using ExternalDns.Core.Endpoints;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>Everything mapped from a set of objects: merged, deduplicated endpoints, warnings and unresolved resource labels.</summary>
public sealed record MappingOutput(IReadOnlyList<Endpoint> Endpoints, IReadOnlyList<MappingWarning> Warnings, IReadOnlySet<string> UnresolvedResources);

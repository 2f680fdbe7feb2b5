using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Sources;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>Everything mapped from a set of objects: merged, deduplicated endpoints, warnings and unresolved resource labels.</summary>
public sealed record MappingOutput(IReadOnlyList<Endpoint> Endpoints, IReadOnlyList<MappingWarning> Warnings, IReadOnlySet<string> UnresolvedResources)
{
    /// <summary>Informational notes (see <see cref="ObjectMapping.Notices"/>).</summary>
    public IReadOnlyList<MappingWarning> Notices { get; init; } = [];

    /// <summary>
    /// Why the view is incomplete (no record is deleted): objects whose records carry no <c>resource</c> label (pods,
    /// as upstream writes them) cannot be protected one by one, so a broken one makes the whole view incomplete.
    /// </summary>
    public IReadOnlyList<string> IncompleteReasons { get; init; } = [];

    /// <summary>Endpoints dropped because their data does not fit their record type, by record type and source.</summary>
    public EndpointTally InvalidEndpoints { get; init; } = new();

    /// <summary>Endpoints dropped as exact duplicates (upstream dedupSource), by record type and source.</summary>
    public EndpointTally DeduplicatedEndpoints { get; init; } = new();
}

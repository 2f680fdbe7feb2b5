using ExternalDns.Core.Endpoints;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>
/// The result of mapping one object: its endpoints, the warnings found, and whether its desired records are known.
/// <see cref="IsResolved"/> is false when bad input leaves a name the object asks for without computable records
/// (see <see cref="KubernetesMapper"/> for the rule); its resource label then goes into
/// <c>SourceResult.UnresolvedResources</c> and the planner keeps the records it owns.
/// </summary>
public sealed record ObjectMapping(ResourceRef Object, IReadOnlyList<Endpoint> Endpoints, IReadOnlyList<MappingWarning> Warnings, bool IsResolved)
{
    /// <summary>Informational notes (why nothing is published), logged once at Information; not warnings, no Events.</summary>
    public IReadOnlyList<MappingWarning> Notices { get; init; } = [];

    /// <summary>The record type of each entry dropped because its data does not fit the type (see <c>MappingScope.Invalid</c>).</summary>
    public IReadOnlyList<string> InvalidRecordTypes { get; init; } = [];

    public static ObjectMapping Empty(ResourceRef obj) => new(obj, [], [], true);
}

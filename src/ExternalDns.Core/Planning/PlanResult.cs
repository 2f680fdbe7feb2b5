using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Planning;

/// <summary>The changes to apply plus what the planner noticed on the way.</summary>
public sealed class PlanResult
{
    public required Changes Changes { get; init; }

    /// <summary>Desired records not created or updated because another owner (or nobody) holds the name.</summary>
    public IReadOnlyList<OwnerMismatch> OwnerMismatches { get; init; } = [];

    /// <summary>Deletes and updates held back because of an incomplete view or an unresolved resource.</summary>
    public IReadOnlyList<WithheldChange> Withheld { get; init; } = [];

    /// <summary>Names where CNAME candidates were discarded because other types were wanted too.</summary>
    public IReadOnlyList<string> DiscardedCnameConflicts { get; init; } = [];

    /// <summary>Desired records of a managed type left out because no domain filter (and so no zone) matches their name.</summary>
    public IReadOnlyList<Endpoint> OutsideDomainFilter { get; init; } = [];
}

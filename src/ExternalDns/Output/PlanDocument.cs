namespace ExternalDns.Output;

/// <summary>
/// The machine-readable plan printed by <c>--plan-format=json</c>. Schema version 1, documented in docs/plan-format.md.
/// Fields are only ever added within a schema version, never renamed or removed.
/// </summary>
public sealed class PlanDocument
{
    public int SchemaVersion { get; init; } = 1;

    public bool DryRun { get; init; }

    public bool Applied { get; init; }

    public string Policy { get; init; } = string.Empty;

    public string OwnerId { get; init; } = string.Empty;

    /// <summary>False when the sources could not read all of the desired state; deletes are then withheld.</summary>
    public bool SourceComplete { get; init; }

    public string? IncompleteReason { get; init; }

    public required PlanSummary Summary { get; init; }

    public required IReadOnlyList<PlanChange> Changes { get; init; }

    public required IReadOnlyList<PlanWithheld> Withheld { get; init; }

    public required IReadOnlyList<PlanOwnerConflict> OwnerConflicts { get; init; }
}

public sealed record PlanSummary(int Create, int Update, int Delete, int Withheld, int OwnerConflicts);

/// <summary>One change. For an update, <c>old</c> holds the record as it is now.</summary>
public sealed record PlanChange(string Action, string Name, string Type, string? SetIdentifier, long? Ttl, IReadOnlyList<string> Targets, string? Owner, string? Resource, PlanRecord? Old);

public sealed record PlanRecord(long? Ttl, IReadOnlyList<string> Targets);

public sealed record PlanWithheld(string Action, string Name, string Type, string Reason, string? Resource);

public sealed record PlanOwnerConflict(string Name, string Type, string CurrentOwner, string? WantedBy);

using ExternalDns.Core.Planning;
using ExternalDns.Core.Sources;

namespace ExternalDns.Core.Controller;

/// <summary>What one reconcile saw and did.</summary>
public sealed class ReconcileOutcome
{
    public required PlanResult Plan { get; init; }

    public required SourceResult Desired { get; init; }

    public required int CurrentRecordCount { get; init; }

    /// <summary>True when the changes were sent to the registry (false in dry-run mode or without changes).</summary>
    public required bool Applied { get; init; }

    public required bool DryRun { get; init; }

    public required string OwnerId { get; init; }

    public required Policy Policy { get; init; }

    /// <summary>True when the reconcile was skipped because the source was not ready (nothing planned or written).</summary>
    public bool Skipped { get; init; }
}

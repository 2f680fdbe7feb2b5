using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;

namespace ExternalDns.Core.Controller;

/// <summary>Options of the reconcile loop (the general, loop and policy/filter flags).</summary>
public sealed class ControllerOptions
{
    /// <summary><c>--dry-run</c>: plan and report, never write. Decided here, once, for every provider.</summary>
    public bool DryRun { get; init; }

    /// <summary><c>--interval</c> (1m).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary><c>--min-event-sync-interval</c> (5s): least time between two reconciles triggered by events.</summary>
    public TimeSpan MinEventSyncInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>--policy</c>.</summary>
    public Policy Policy { get; init; } = Policy.Sync;

    /// <summary><c>--domain-filter</c>, <c>--exclude-domains</c>, <c>--regex-domain-filter</c>, <c>--regex-domain-exclusion</c>.</summary>
    public DomainFilter DomainFilter { get; init; } = DomainFilter.All;

    /// <summary><c>--managed-record-types</c>.</summary>
    public IReadOnlyCollection<string> ManagedRecordTypes { get; init; } = RecordTypes.DefaultManaged;

    /// <summary><c>--exclude-record-types</c>.</summary>
    public IReadOnlyCollection<string> ExcludeRecordTypes { get; init; } = [];

    /// <summary><c>--migrate-from-txt-owner</c>.</summary>
    public string? OldOwnerId { get; init; }

    /// <summary>
    /// Event-driven passes may plan incrementally from the records of the last full read kept up to date with this
    /// controller's own writes (see <see cref="Reconciler.RunOnceAsync(bool, CancellationToken)"/>). Only for registries
    /// and providers whose apply does not depend on a record list read just before it (<see cref="IncrementalPlanning"/>).
    /// </summary>
    public bool IncrementalEventPasses { get; init; }
}

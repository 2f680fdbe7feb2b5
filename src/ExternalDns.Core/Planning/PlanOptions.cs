using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Planning;

/// <summary>Inputs of a plan besides the records themselves (upstream's <c>Plan</c> fields).</summary>
public sealed class PlanOptions
{
    public Policy Policy { get; init; } = Policy.Sync;

    /// <summary>Every filter must match a name for it to be planned (upstream's MatchAllDomainFilters).</summary>
    public IReadOnlyList<DomainFilter> DomainFilters { get; init; } = [];

    /// <summary><c>--managed-record-types</c>; default A, AAAA, CNAME.</summary>
    public IReadOnlyCollection<string> ManagedRecordTypes { get; init; } = RecordTypes.DefaultManaged;

    /// <summary><c>--exclude-record-types</c>.</summary>
    public IReadOnlyCollection<string> ExcludeRecordTypes { get; init; } = [];

    /// <summary>The registry's owner id; empty disables ownership checks (noop registry).</summary>
    public string OwnerId { get; init; } = string.Empty;

    /// <summary><c>--migrate-from-txt-owner</c>: records owned by anyone else are updated to take the new owner.</summary>
    public string? OldOwnerId { get; init; }

    public bool IsManaged(string recordType) =>
        !ExcludeRecordTypes.Contains(recordType) && ManagedRecordTypes.Contains(recordType);
}

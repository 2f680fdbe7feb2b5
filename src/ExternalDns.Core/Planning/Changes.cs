using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Planning;

/// <summary>
/// The result of a plan: records to create, update (old and new side by side, same index) and delete.
/// Upstream's <c>plan.Changes</c>.
/// </summary>
public sealed class Changes
{
    public List<Endpoint> Create { get; init; } = [];

    /// <summary>The current records being updated; <see cref="UpdateNew"/>[i] replaces <see cref="UpdateOld"/>[i].</summary>
    public List<Endpoint> UpdateOld { get; init; } = [];

    public List<Endpoint> UpdateNew { get; init; } = [];

    public List<Endpoint> Delete { get; init; } = [];

    public bool HasChanges => Create.Count > 0 || UpdateNew.Count > 0 || UpdateOld.Count > 0 || Delete.Count > 0;

    public int Count => Create.Count + UpdateNew.Count + Delete.Count;

    public override string ToString() =>
        $"{Create.Count} create, {UpdateNew.Count} update, {Delete.Count} delete";
}

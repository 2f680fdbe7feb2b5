using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;

namespace ExternalDns.Core.Registry;

/// <summary>
/// Ownership on top of a provider (upstream's <c>Registry</c>): <see cref="RecordsAsync"/> returns the provider's
/// records with <c>owner</c>/<c>resource</c> labels filled in; <see cref="ApplyChangesAsync"/> adds and removes the
/// ownership records alongside the changes.
/// </summary>
public interface IRegistry
{
    /// <summary>The owner id this registry writes; empty for a registry without ownership (noop).</summary>
    string OwnerId { get; }

    Task<IReadOnlyList<Endpoint>> RecordsAsync(CancellationToken cancellationToken);

    Task ApplyChangesAsync(Changes changes, CancellationToken cancellationToken);

    IReadOnlyList<Endpoint> AdjustEndpoints(IReadOnlyList<Endpoint> endpoints);

    DomainFilter DomainFilter { get; }
}

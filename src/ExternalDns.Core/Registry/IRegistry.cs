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

    /// <summary>The form the controller calls (see <see cref="Providers.IDnsProvider.AdjustEndpointsAsync"/>); by default the synchronous one.</summary>
    Task<IReadOnlyList<Endpoint>> AdjustEndpointsAsync(IReadOnlyList<Endpoint> endpoints, CancellationToken cancellationToken) =>
        Task.FromResult(AdjustEndpoints(endpoints));

    DomainFilter DomainFilter { get; }
}

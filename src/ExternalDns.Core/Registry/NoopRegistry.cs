using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;

namespace ExternalDns.Core.Registry;

/// <summary>
/// <c>--registry=noop</c>: no ownership. Records and changes pass straight through to the provider, and the owner id
/// is empty, so the planner neither requires nor filters by ownership.
/// </summary>
public sealed class NoopRegistry : IRegistry
{
    private readonly IDnsProvider _provider;

    public NoopRegistry(IDnsProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _provider = provider;
    }

    public string OwnerId => string.Empty;

    public DomainFilter DomainFilter => _provider.DomainFilter;

    public Task<IReadOnlyList<Endpoint>> RecordsAsync(CancellationToken cancellationToken) =>
        _provider.RecordsAsync(cancellationToken);

    public Task ApplyChangesAsync(Changes changes, CancellationToken cancellationToken) =>
        _provider.ApplyChangesAsync(changes, cancellationToken);

    public IReadOnlyList<Endpoint> AdjustEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        _provider.AdjustEndpoints(endpoints);

    public Task<IReadOnlyList<Endpoint>> AdjustEndpointsAsync(IReadOnlyList<Endpoint> endpoints, CancellationToken cancellationToken) =>
        _provider.AdjustEndpointsAsync(endpoints, cancellationToken);
}

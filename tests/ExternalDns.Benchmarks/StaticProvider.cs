using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;

namespace ExternalDns.Benchmarks;

/// <summary>A provider that hands out a prepared record list (no copying), so the benchmark measures registry and planner only.</summary>
internal sealed class StaticProvider(IReadOnlyList<Endpoint> records) : IDnsProvider
{
    public DomainFilter DomainFilter => DomainFilter.All;

    public Task<IReadOnlyList<Endpoint>> RecordsAsync(CancellationToken cancellationToken) => Task.FromResult(records);

    public Task ApplyChangesAsync(Changes changes, CancellationToken cancellationToken) => Task.CompletedTask;

    public IReadOnlyList<Endpoint> AdjustEndpoints(IReadOnlyList<Endpoint> endpoints) => endpoints;
}

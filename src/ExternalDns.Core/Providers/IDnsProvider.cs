using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;

namespace ExternalDns.Core.Providers;

/// <summary>
/// A DNS back end (upstream's <c>Provider</c>). Throw <see cref="ProviderTransientException"/> for throttling,
/// timeouts and 5xx; <see cref="ProviderConfigurationException"/> for errors only the user can fix (bad credentials,
/// unknown zone); anything else is a failed reconcile that is retried on the next interval.
/// Providers never see dry-run: the controller does not call <see cref="ApplyChangesAsync"/> then.
/// </summary>
public interface IDnsProvider
{
    /// <summary>All records in the provider's zones (of every type the provider reads; TXT included).</summary>
    Task<IReadOnlyList<Endpoint>> RecordsAsync(CancellationToken cancellationToken);

    Task ApplyChangesAsync(Changes changes, CancellationToken cancellationToken);

    /// <summary>Canonicalises desired endpoints the way the provider will store them (for example its default TTL).</summary>
    IReadOnlyList<Endpoint> AdjustEndpoints(IReadOnlyList<Endpoint> endpoints);

    /// <summary>
    /// The form the controller calls. A provider that has to ask a remote service (the webhook provider) overrides it;
    /// every other provider keeps this default, which calls <see cref="AdjustEndpoints"/>. A decorator (a cache, a
    /// registry) must forward this method, not only the synchronous one.
    /// </summary>
    Task<IReadOnlyList<Endpoint>> AdjustEndpointsAsync(IReadOnlyList<Endpoint> endpoints, CancellationToken cancellationToken) =>
        Task.FromResult(AdjustEndpoints(endpoints));

    /// <summary>The domains this provider can serve (its zones); names outside are not planned.</summary>
    DomainFilter DomainFilter { get; }
}

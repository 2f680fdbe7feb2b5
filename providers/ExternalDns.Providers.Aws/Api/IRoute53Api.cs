namespace ExternalDns.Providers.Aws.Api;

/// <summary>
/// The part of Route53 (API 2013-04-01) the provider uses. Implementations throw
/// <see cref="Core.Providers.ProviderTransientException"/> for throttling, 5xx and network failures (after their retries),
/// <see cref="Core.Providers.ProviderConfigurationException"/> for refused or missing credentials,
/// <see cref="InvalidChangeBatchException"/> for a rejected change batch and <see cref="Route53ApiException"/> otherwise.
/// </summary>
public interface IRoute53Api
{
    /// <summary>Where the requests go (for messages).</summary>
    string Endpoint { get; }

    Task<HostedZonePage> ListHostedZonesAsync(string? marker, CancellationToken cancellationToken);

    Task<RecordSetPage> ListResourceRecordSetsAsync(string zoneId, RecordSetStart? start, int maxItems, CancellationToken cancellationToken);

    /// <summary>Applies the batch atomically; returns the change id.</summary>
    Task<string> ChangeResourceRecordSetsAsync(string zoneId, IReadOnlyList<Change> changes, CancellationToken cancellationToken);

    /// <summary>Tags of at most 10 hosted zones (bare ids), by zone id.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> ListTagsForResourcesAsync(IReadOnlyList<string> zoneIds, CancellationToken cancellationToken);
}

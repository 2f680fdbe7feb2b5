namespace ExternalDns.Providers.Azure;

/// <summary>
/// The narrow ARM surface the provider uses, for one resource provider (public or private DNS zones). Final errors:
/// <see cref="Core.Providers.ProviderTransientException"/> (429, 5xx, network), <see cref="Core.Providers.ProviderConfigurationException"/>
/// (401/403, unknown subscription or resource group), <see cref="AzureApiException"/> (any other refusal, with ARM's
/// error code; <see cref="AzureApiException.IsPreconditionFailed"/> for a stale etag).
/// </summary>
public interface IAzureDnsApi
{
    /// <summary>All zones in <paramref name="resourceGroup"/>, or in the subscription when it is empty (every page).</summary>
    Task<IReadOnlyList<AzureZone>> ListZonesAsync(string resourceGroup, CancellationToken cancellationToken);

    /// <summary>All record sets of the zone (every page, <c>$top</c> = page size).</summary>
    Task<IReadOnlyList<AzureRecordSet>> ListRecordSetsAsync(AzureZone zone, CancellationToken cancellationToken);

    /// <summary>
    /// PUTs the record set. With <see cref="AzureRecordSet.Etag"/> set, sends <c>If-Match</c> (the write fails with 412
    /// when someone changed it since); without, sends <c>If-None-Match: *</c> (fails when it exists). Returns the new etag.
    /// </summary>
    Task<string> PutRecordSetAsync(AzureZone zone, AzureRecordSet recordSet, CancellationToken cancellationToken);

    /// <summary>DELETEs the record set, with <c>If-Match</c> when <paramref name="etag"/> is given.</summary>
    Task DeleteRecordSetAsync(AzureZone zone, string name, string type, string? etag, CancellationToken cancellationToken);
}

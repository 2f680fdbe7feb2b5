namespace ExternalDns.Providers.Cloudflare.Api;

/// <summary>
/// The part of the Cloudflare API v4 the provider uses. List methods return every page. Errors:
/// <see cref="ExternalDns.Core.Providers.ProviderConfigurationException"/> for refused credentials (naming the
/// environment variable, never its value), <see cref="ExternalDns.Core.Providers.ProviderTransientException"/> for
/// throttling, 5xx and network failures that outlived the retries, <see cref="CloudflareApiException"/> for any other
/// refusal (an invalid record, an unknown zone id).
/// </summary>
public interface ICloudflareApi
{
    /// <summary><c>GET /zones</c>, every page (optionally only the zone named <paramref name="name"/>).</summary>
    Task<IReadOnlyList<CloudflareZone>> ListZonesAsync(string? name, CancellationToken cancellationToken);

    /// <summary><c>GET /zones/{id}</c>.</summary>
    Task<CloudflareZone> GetZoneAsync(string zoneId, CancellationToken cancellationToken);

    /// <summary><c>GET /zones/{id}/dns_records</c>, every page of <paramref name="perPage"/> records.</summary>
    Task<IReadOnlyList<CloudflareDnsRecord>> ListDnsRecordsAsync(string zoneId, int perPage, CancellationToken cancellationToken);

    /// <summary><c>POST /zones/{id}/dns_records/batch</c>: all operations or none.</summary>
    Task<CloudflareBatchResult> BatchDnsRecordsAsync(string zoneId, CloudflareBatchRequest batch, CancellationToken cancellationToken);

    /// <summary><c>GET /zones/{id}/custom_hostnames</c>, every page.</summary>
    Task<IReadOnlyList<CloudflareCustomHostname>> ListCustomHostnamesAsync(string zoneId, CancellationToken cancellationToken);

    Task<CloudflareCustomHostname> CreateCustomHostnameAsync(string zoneId, CloudflareCustomHostnameRequest request, CancellationToken cancellationToken);

    Task DeleteCustomHostnameAsync(string zoneId, string customHostnameId, CancellationToken cancellationToken);

    /// <summary><c>GET /zones/{id}/addressing/regional_hostnames</c> (one page: the API does not paginate it).</summary>
    Task<IReadOnlyList<CloudflareRegionalHostname>> ListRegionalHostnamesAsync(string zoneId, CancellationToken cancellationToken);

    Task CreateRegionalHostnameAsync(string zoneId, string hostname, string regionKey, CancellationToken cancellationToken);

    Task UpdateRegionalHostnameAsync(string zoneId, string hostname, string regionKey, CancellationToken cancellationToken);

    Task DeleteRegionalHostnameAsync(string zoneId, string hostname, CancellationToken cancellationToken);
}

namespace ExternalDns.Providers.Google.Api;

/// <summary>
/// The four Cloud DNS v1 calls the provider makes. Implementations throw
/// <see cref="Core.Providers.ProviderTransientException"/> for throttling, 5xx and network failures (after their
/// retries), <see cref="Core.Providers.ProviderConfigurationException"/> for refused credentials or an unknown project,
/// and <see cref="CloudDnsApiException"/> for other refusals (a rejected change).
/// </summary>
public interface ICloudDnsApi
{
    /// <summary><c>GET projects/{project}/managedZones</c>, one page.</summary>
    Task<CloudDnsManagedZonesPage> ListManagedZonesAsync(string project, string? pageToken, CancellationToken cancellationToken);

    /// <summary><c>GET projects/{project}/managedZones/{zone}/rrsets</c>, one page.</summary>
    Task<CloudDnsResourceRecordSetsPage> ListResourceRecordSetsAsync(string project, string zone, string? pageToken, CancellationToken cancellationToken);

    /// <summary><c>POST projects/{project}/managedZones/{zone}/changes</c>: applied atomically, or refused as a whole.</summary>
    Task<CloudDnsChange> CreateChangeAsync(string project, string zone, CloudDnsChange change, CancellationToken cancellationToken);

    /// <summary><c>GET projects/{project}/managedZones/{zone}/changes/{changeId}</c>.</summary>
    Task<CloudDnsChange> GetChangeAsync(string project, string zone, string changeId, CancellationToken cancellationToken);
}

namespace ExternalDns.Kubernetes.Client;

/// <summary><see cref="ILeaseStore"/> on the Kubernetes API.</summary>
public sealed class KubeLeaseStore : ILeaseStore
{
    private readonly KubeApiClient _client;

    public KubeLeaseStore(KubeApiClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    public Task<Lease?> GetAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        _client.GetAsync(KubeResource.Leases, @namespace, name, KubeClientJsonContext.Default.Lease, cancellationToken);

    public Task<Lease> CreateAsync(Lease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return _client.CreateAsync(KubeResource.Leases, lease.Metadata.Namespace, lease, KubeClientJsonContext.Default.Lease, cancellationToken);
    }

    public Task<Lease> UpdateAsync(Lease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return _client.UpdateAsync(KubeResource.Leases, lease.Metadata.Namespace, lease.Metadata.Name ?? "", lease, KubeClientJsonContext.Default.Lease,
            cancellationToken);
    }
}

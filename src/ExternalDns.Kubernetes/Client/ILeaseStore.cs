namespace ExternalDns.Kubernetes.Client;

/// <summary>Reads and writes coordination.k8s.io/v1 Leases (the seam leader election is tested through).</summary>
public interface ILeaseStore
{
    /// <summary>The lease, or null when it does not exist.</summary>
    Task<Lease?> GetAsync(string @namespace, string name, CancellationToken cancellationToken);

    /// <summary>Creates the lease; throws <see cref="KubeConflictException"/> when it already exists.</summary>
    Task<Lease> CreateAsync(Lease lease, CancellationToken cancellationToken);

    /// <summary>Replaces the lease; throws <see cref="KubeConflictException"/> when its resourceVersion is stale.</summary>
    Task<Lease> UpdateAsync(Lease lease, CancellationToken cancellationToken);
}

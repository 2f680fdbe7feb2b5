namespace ExternalDns.Kubernetes.Client;

/// <summary>Leader election on a coordination.k8s.io/v1 Lease, with client-go's timing semantics.</summary>
public sealed class LeaderElectionOptions
{
    public string LeaseName { get; set; } = "external-dns";

    /// <summary>Namespace of the lease; null = the client's namespace.</summary>
    public string? LeaseNamespace { get; set; }

    /// <summary>This replica's identity; must be unique (for example hostname + "_" + a random suffix).</summary>
    public string Identity { get; set; } = Environment.MachineName + "_" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>How long others wait, after they last saw the lease change, before they may take it over.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A leader that has not renewed for this long stops leading. Must be shorter than <see cref="LeaseDuration"/>.</summary>
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Interval between attempts to acquire or renew.</summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>On a graceful stop, give the lease up at once so another replica need not wait for it to expire.</summary>
    public bool ReleaseOnCancel { get; set; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> for inconsistent settings (same rules as client-go).</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(LeaseName))
        {
            throw new ArgumentException("leader election: the lease name is empty");
        }

        if (string.IsNullOrWhiteSpace(Identity))
        {
            throw new ArgumentException("leader election: the identity is empty");
        }

        if (RetryPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException($"leader election: retry period {RetryPeriod} must be positive");
        }

        if (LeaseDuration <= RenewDeadline)
        {
            throw new ArgumentException($"leader election: lease duration {LeaseDuration} must be greater than the renew deadline {RenewDeadline}");
        }

        if (RenewDeadline <= RetryPeriod * LeaderElector.JitterFactor)
        {
            throw new ArgumentException(
                $"leader election: renew deadline {RenewDeadline} must be greater than retry period {RetryPeriod} × {LeaderElector.JitterFactor}");
        }
    }
}

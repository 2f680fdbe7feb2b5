namespace ExternalDns.Kubernetes.Models;

/// <summary>An externaldns.k8s.io/v1alpha1 DNSEndpoint.</summary>
public sealed class DnsEndpoint : KubeObject
{
    public DnsEndpointSpec Spec { get; set => field = value ?? new(); } = new();

    public DnsEndpointStatus Status { get; set => field = value ?? new(); } = new();
}

namespace ExternalDns.Kubernetes.Models;

public sealed class ServiceStatus
{
    public LoadBalancerStatus LoadBalancer { get; set => field = value ?? new(); } = new();
}

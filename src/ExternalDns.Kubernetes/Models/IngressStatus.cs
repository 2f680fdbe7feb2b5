namespace ExternalDns.Kubernetes.Models;

public sealed class IngressStatus
{
    public LoadBalancerStatus LoadBalancer { get; set => field = value ?? new(); } = new();
}

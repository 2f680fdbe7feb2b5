namespace ExternalDns.Kubernetes.Models;

/// <summary><c>status.loadBalancer</c> of a Service or an Ingress.</summary>
public sealed class LoadBalancerStatus
{
    public List<LoadBalancerIngress>? Ingress { get; set; }
}

namespace ExternalDns.Kubernetes.Models;

public sealed class HttpProxyStatus
{
    public LoadBalancerStatus LoadBalancer { get; set => field = value ?? new(); } = new();
}

namespace ExternalDns.Kubernetes.Models;

public sealed class LoadBalancerIngress
{
    public string? Ip { get; set; }

    public string? Hostname { get; set; }
}

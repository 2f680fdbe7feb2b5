namespace ExternalDns.Kubernetes.Models;

public sealed class DnsEndpointStatus
{
    public long ObservedGeneration { get; set; }
}

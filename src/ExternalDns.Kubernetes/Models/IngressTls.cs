namespace ExternalDns.Kubernetes.Models;

public sealed class IngressTls
{
    public List<string>? Hosts { get; set; }
}

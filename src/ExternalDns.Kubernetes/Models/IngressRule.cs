namespace ExternalDns.Kubernetes.Models;

public sealed class IngressRule
{
    public string? Host { get; set; }
}

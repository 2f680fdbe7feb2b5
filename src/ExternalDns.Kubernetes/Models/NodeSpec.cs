namespace ExternalDns.Kubernetes.Models;

public sealed class NodeSpec
{
    public bool Unschedulable { get; set; }
}

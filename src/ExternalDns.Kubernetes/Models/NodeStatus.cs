namespace ExternalDns.Kubernetes.Models;

public sealed class NodeStatus
{
    public List<NodeAddress>? Addresses { get; set; }
}

namespace ExternalDns.Kubernetes.Models;

/// <summary>A core/v1 Node: addresses and schedulability.</summary>
public sealed class Node : KubeObject
{
    public NodeSpec Spec { get; set; } = new();

    public NodeStatus Status { get; set; } = new();
}

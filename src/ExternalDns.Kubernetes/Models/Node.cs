namespace ExternalDns.Kubernetes.Models;

/// <summary>A core/v1 Node: addresses and schedulability.</summary>
public sealed class Node : KubeObject
{
    public NodeSpec Spec { get; set => field = value ?? new(); } = new();

    public NodeStatus Status { get; set => field = value ?? new(); } = new();
}

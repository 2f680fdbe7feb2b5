namespace ExternalDns.Kubernetes.Models;

/// <summary>A Gateway API ListenerSet (<c>gateway.networking.k8s.io/v1</c>, read with <c>--gateway-listener-sets</c>).</summary>
public sealed class ListenerSet : KubeObject
{
    public ListenerSetSpec Spec { get; set => field = value ?? new(); } = new();

    public ListenerSetStatus Status { get; set => field = value ?? new(); } = new();
}

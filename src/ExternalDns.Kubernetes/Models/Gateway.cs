namespace ExternalDns.Kubernetes.Models;

/// <summary>A Gateway API Gateway (<c>gateway.networking.k8s.io/v1</c>): listeners, allowed ListenerSets, status addresses.</summary>
public sealed class Gateway : KubeObject
{
    public GatewaySpec Spec { get; set => field = value ?? new(); } = new();

    public GatewayStatus Status { get; set => field = value ?? new(); } = new();
}

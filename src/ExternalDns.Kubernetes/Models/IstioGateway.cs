namespace ExternalDns.Kubernetes.Models;

/// <summary>An Istio Gateway (<c>networking.istio.io/v1</c>).</summary>
public sealed class IstioGateway : KubeObject
{
    public IstioGatewaySpec Spec { get; set => field = value ?? new(); } = new();
}

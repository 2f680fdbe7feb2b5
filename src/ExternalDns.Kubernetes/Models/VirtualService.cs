namespace ExternalDns.Kubernetes.Models;

/// <summary>An Istio VirtualService (<c>networking.istio.io/v1</c>).</summary>
public sealed class VirtualService : KubeObject
{
    public VirtualServiceSpec Spec { get; set => field = value ?? new(); } = new();
}

namespace ExternalDns.Kubernetes.Models;

/// <summary>A networking.k8s.io/v1 Ingress, trimmed to the fields ExternalDns reads.</summary>
public sealed class Ingress : KubeObject
{
    public IngressSpec Spec { get; set => field = value ?? new(); } = new();

    public IngressStatus Status { get; set => field = value ?? new(); } = new();
}

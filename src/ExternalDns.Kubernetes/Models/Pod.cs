namespace ExternalDns.Kubernetes.Models;

/// <summary>A core/v1 Pod: what headless and NodePort services need.</summary>
public sealed class Pod : KubeObject
{
    public PodSpec Spec { get; set => field = value ?? new(); } = new();

    public PodStatus Status { get; set => field = value ?? new(); } = new();
}

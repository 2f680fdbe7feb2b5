namespace ExternalDns.Kubernetes.Models;

/// <summary>A core/v1 Service, trimmed to the fields ExternalDns reads.</summary>
public sealed class Service : KubeObject
{
    public ServiceSpec Spec { get; set => field = value ?? new(); } = new();

    public ServiceStatus Status { get; set => field = value ?? new(); } = new();
}

namespace ExternalDns.Kubernetes.Models;

public sealed class PodCondition
{
    public string? Type { get; set; }

    public string? Status { get; set; }
}

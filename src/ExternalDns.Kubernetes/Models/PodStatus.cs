namespace ExternalDns.Kubernetes.Models;

public sealed class PodStatus
{
    /// <summary>Pending, Running, Succeeded, Failed or Unknown.</summary>
    public string? Phase { get; set; }

    public string? HostIP { get; set; }

    public string? PodIP { get; set; }

    public List<PodCondition>? Conditions { get; set; }
}

namespace ExternalDns.Kubernetes.Models;

public sealed class PodStatus
{
    /// <summary>Pending, Running, Succeeded, Failed or Unknown.</summary>
    public string? Phase { get; set; }

    public string? HostIP { get; set; }

    public string? PodIP { get; set; }

    /// <summary>Every IP of the pod (both families on a dual-stack cluster); <c>--fqdn-template</c> names use these.</summary>
    public List<PodAddress>? PodIPs { get; set; }

    public List<PodCondition>? Conditions { get; set; }
}

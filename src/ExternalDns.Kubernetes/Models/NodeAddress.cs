namespace ExternalDns.Kubernetes.Models;

public sealed class NodeAddress
{
    /// <summary>ExternalIP, InternalIP, Hostname, ….</summary>
    public string? Type { get; set; }

    public string? Address { get; set; }
}

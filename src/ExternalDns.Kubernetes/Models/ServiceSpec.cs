namespace ExternalDns.Kubernetes.Models;

public sealed class ServiceSpec
{
    /// <summary>ClusterIP (the default when empty), NodePort, LoadBalancer or ExternalName.</summary>
    public string? Type { get; set; }

    /// <summary>The cluster IP, or <c>None</c> for a headless service.</summary>
    public string? ClusterIP { get; set; }

    public List<string>? ClusterIPs { get; set; }

    public List<string>? ExternalIPs { get; set; }

    public string? ExternalName { get; set; }

    public List<ServicePort>? Ports { get; set; }

    public Dictionary<string, string>? Selector { get; set; }

    /// <summary>Cluster or Local.</summary>
    public string? ExternalTrafficPolicy { get; set; }

    public bool PublishNotReadyAddresses { get; set; }
}

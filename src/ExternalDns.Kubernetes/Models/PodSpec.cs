namespace ExternalDns.Kubernetes.Models;

public sealed class PodSpec
{
    public string? Hostname { get; set; }

    public string? NodeName { get; set; }

    public bool HostNetwork { get; set; }
}

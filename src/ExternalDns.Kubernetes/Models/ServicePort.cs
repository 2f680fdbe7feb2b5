namespace ExternalDns.Kubernetes.Models;

public sealed class ServicePort
{
    public string? Name { get; set; }

    /// <summary>TCP (the default when empty), UDP or SCTP.</summary>
    public string? Protocol { get; set; }

    public int Port { get; set; }

    public int NodePort { get; set; }
}

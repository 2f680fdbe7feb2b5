namespace ExternalDns.Kubernetes.Models;

/// <summary>One <c>status.podIPs[]</c> entry.</summary>
public sealed class PodAddress
{
    public string? Ip { get; set; }
}

namespace ExternalDns.Kubernetes.Models;

/// <summary>One <c>spec.servers[]</c> entry of an Istio Gateway: its hosts (<c>[namespace/]host</c>).</summary>
public sealed class IstioServer
{
    public List<string>? Hosts { get; set; }
}

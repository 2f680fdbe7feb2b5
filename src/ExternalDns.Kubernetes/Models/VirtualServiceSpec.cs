namespace ExternalDns.Kubernetes.Models;

public sealed class VirtualServiceSpec
{
    public List<string>? Hosts { get; set; }

    /// <summary><c>[namespace/]name</c> of Istio Gateways; <c>mesh</c> means the sidecars.</summary>
    public List<string>? Gateways { get; set; }

    public List<string>? ExportTo { get; set; }
}

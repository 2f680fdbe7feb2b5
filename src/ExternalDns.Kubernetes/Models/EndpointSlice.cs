namespace ExternalDns.Kubernetes.Models;

/// <summary>A discovery.k8s.io/v1 EndpointSlice; the service it belongs to is the <c>kubernetes.io/service-name</c> label.</summary>
public sealed class EndpointSlice : KubeObject
{
    /// <summary>The label that names the owning service.</summary>
    public const string ServiceNameLabel = "kubernetes.io/service-name";

    /// <summary>IPv4, IPv6 or FQDN.</summary>
    public string? AddressType { get; set; }

    public List<EndpointSliceEndpoint>? Endpoints { get; set; }
}

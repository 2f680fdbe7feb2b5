namespace ExternalDns.Kubernetes.Models;

public sealed class DnsEndpointSpec
{
    /// <summary>Entries may be null in JSON (<c>- null</c>); they are skipped.</summary>
    public List<EndpointSpec?>? Endpoints { get; set; }
}

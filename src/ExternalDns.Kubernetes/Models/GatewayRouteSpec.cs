namespace ExternalDns.Kubernetes.Models;

/// <summary>What the mapping reads of a route's spec: its hostnames (HTTP, GRPC and TLS routes) and parent references.</summary>
public sealed class GatewayRouteSpec
{
    public List<string>? Hostnames { get; set; }

    public List<ParentReference>? ParentRefs { get; set; }
}

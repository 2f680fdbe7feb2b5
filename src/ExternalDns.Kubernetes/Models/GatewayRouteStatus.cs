namespace ExternalDns.Kubernetes.Models;

public sealed class GatewayRouteStatus
{
    public List<RouteParentStatus>? Parents { get; set; }
}

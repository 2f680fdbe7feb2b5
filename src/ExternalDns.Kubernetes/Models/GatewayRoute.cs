namespace ExternalDns.Kubernetes.Models;

/// <summary>
/// A Gateway API route: HTTPRoute, GRPCRoute, TLSRoute (<c>gateway.networking.k8s.io/v1</c>), TCPRoute or UDPRoute
/// (<c>v1alpha2</c>), trimmed to what the mapping reads; <see cref="KubeObject.Kind"/> tells which.
/// </summary>
public sealed class GatewayRoute : KubeObject
{
    public GatewayRouteSpec Spec { get; set => field = value ?? new(); } = new();

    public GatewayRouteStatus Status { get; set => field = value ?? new(); } = new();
}

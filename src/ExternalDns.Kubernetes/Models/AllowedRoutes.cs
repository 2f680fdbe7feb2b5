namespace ExternalDns.Kubernetes.Models;

/// <summary>A listener's <c>allowedRoutes</c>: which namespaces (default Same) and kinds may attach.</summary>
public sealed class AllowedRoutes
{
    public GatewayNamespaces? Namespaces { get; set; }

    public List<RouteGroupKind>? Kinds { get; set; }
}

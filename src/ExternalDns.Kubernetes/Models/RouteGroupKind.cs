namespace ExternalDns.Kubernetes.Models;

/// <summary>An <c>allowedRoutes.kinds[]</c> entry: group (default <c>gateway.networking.k8s.io</c>) and kind.</summary>
public sealed class RouteGroupKind
{
    public string? Group { get; set; }

    public string? Kind { get; set; }
}

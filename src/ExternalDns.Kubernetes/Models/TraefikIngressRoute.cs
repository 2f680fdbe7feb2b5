namespace ExternalDns.Kubernetes.Models;

/// <summary>
/// A Traefik IngressRoute, IngressRouteTCP or IngressRouteUDP (<c>traefik.io/v1alpha1</c>, or the legacy
/// <c>traefik.containo.us/v1alpha1</c>); <see cref="KubeObject.Kind"/> and <see cref="KubeObject.ApiVersion"/> tell which.
/// </summary>
public sealed class TraefikIngressRoute : KubeObject
{
    public TraefikIngressRouteSpec Spec { get; set => field = value ?? new(); } = new();
}

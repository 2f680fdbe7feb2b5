namespace ExternalDns.Kubernetes.Models;

/// <summary>One <c>spec.routes[]</c> entry of a Traefik IngressRoute or IngressRouteTCP: its <c>match</c> rule.</summary>
public sealed class TraefikRoute
{
    public string? Match { get; set; }
}

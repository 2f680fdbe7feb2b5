namespace ExternalDns.Kubernetes.Models;

/// <summary>
/// A Gateway API ParentReference (<c>spec.parentRefs[]</c> of a route, <c>status.parents[].parentRef</c>): group
/// (default <c>gateway.networking.k8s.io</c>), kind (default <c>Gateway</c>), namespace (default: the route's), name,
/// and optionally the listener's section name and port.
/// </summary>
public sealed class ParentReference
{
    public string? Group { get; set; }

    public string? Kind { get; set; }

    public string? Namespace { get; set; }

    public string? Name { get; set; }

    public string? SectionName { get; set; }

    public int? Port { get; set; }
}

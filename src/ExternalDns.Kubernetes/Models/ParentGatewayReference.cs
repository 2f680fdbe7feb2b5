namespace ExternalDns.Kubernetes.Models;

/// <summary>A ListenerSet's <c>spec.parentRef</c>: the Gateway it attaches to (namespace defaults to the ListenerSet's).</summary>
public sealed class ParentGatewayReference
{
    public string? Group { get; set; }

    public string? Kind { get; set; }

    public string? Namespace { get; set; }

    public string? Name { get; set; }
}

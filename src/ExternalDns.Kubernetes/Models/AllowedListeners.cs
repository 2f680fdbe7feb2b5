namespace ExternalDns.Kubernetes.Models;

/// <summary>A Gateway's <c>spec.allowedListeners</c>: which namespaces' ListenerSets may attach (default None).</summary>
public sealed class AllowedListeners
{
    public GatewayNamespaces? Namespaces { get; set; }
}

namespace ExternalDns.Kubernetes.Models;

/// <summary><c>allowedRoutes.namespaces</c> and <c>allowedListeners.namespaces</c>: <c>from</c> (All, Same, Selector, None) and the selector.</summary>
public sealed class GatewayNamespaces
{
    public string? From { get; set; }

    public LabelSelectorSpec? Selector { get; set; }
}

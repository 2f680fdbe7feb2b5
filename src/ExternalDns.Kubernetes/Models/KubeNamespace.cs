namespace ExternalDns.Kubernetes.Models;

/// <summary>A core/v1 Namespace: only its labels are read (Gateway API <c>allowedRoutes</c> and <c>allowedListeners</c> selectors).</summary>
public sealed class KubeNamespace : KubeObject
{
}

namespace ExternalDns.Kubernetes.Models;

public sealed class TraefikIngressRouteSpec
{
    public List<TraefikRoute>? Routes { get; set; }
}

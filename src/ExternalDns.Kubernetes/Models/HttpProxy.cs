namespace ExternalDns.Kubernetes.Models;

/// <summary>A Contour HTTPProxy (<c>projectcontour.io/v1</c>).</summary>
public sealed class HttpProxy : KubeObject
{
    public HttpProxySpec Spec { get; set => field = value ?? new(); } = new();

    public HttpProxyStatus Status { get; set => field = value ?? new(); } = new();
}

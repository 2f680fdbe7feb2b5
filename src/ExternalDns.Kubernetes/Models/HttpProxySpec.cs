namespace ExternalDns.Kubernetes.Models;

public sealed class HttpProxySpec
{
    /// <summary><c>spec.virtualhost</c> (all lower case in Contour's API).</summary>
    [System.Text.Json.Serialization.JsonPropertyName("virtualhost")]
    public HttpProxyVirtualHost? VirtualHost { get; set; }
}

namespace ExternalDns.Kubernetes.Models;

/// <summary>An HTTPProxy's <c>spec.virtualhost</c>: its <c>fqdn</c> (absent on included, delegated proxies).</summary>
public sealed class HttpProxyVirtualHost
{
    public string? Fqdn { get; set; }
}

namespace ExternalDns.Kubernetes.Models;

/// <summary>A Gateway listener (or a ListenerSet listener entry): name, hostname, port, protocol, allowed routes.</summary>
public sealed class GatewayListener
{
    public string? Name { get; set; }

    public string? Hostname { get; set; }

    public int Port { get; set; }

    /// <summary>HTTP, HTTPS, TLS, TCP, UDP (or an implementation-specific one).</summary>
    public string? Protocol { get; set; }

    public AllowedRoutes? AllowedRoutes { get; set; }
}

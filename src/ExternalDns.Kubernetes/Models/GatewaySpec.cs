namespace ExternalDns.Kubernetes.Models;

public sealed class GatewaySpec
{
    public List<GatewayListener>? Listeners { get; set; }

    public AllowedListeners? AllowedListeners { get; set; }
}

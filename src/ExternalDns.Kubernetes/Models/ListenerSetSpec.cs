namespace ExternalDns.Kubernetes.Models;

public sealed class ListenerSetSpec
{
    public ParentGatewayReference ParentRef { get; set => field = value ?? new(); } = new();

    public List<GatewayListener>? Listeners { get; set; }
}

namespace ExternalDns.Kubernetes.Models;

public sealed class GatewayStatus
{
    public List<GatewayStatusAddress>? Addresses { get; set; }
}

namespace ExternalDns.Kubernetes.Models;

public sealed class IstioGatewaySpec
{
    public List<IstioServer>? Servers { get; set; }

    /// <summary>The pods (ingress gateway deployment) the Gateway configures; Services whose selector contains it give the targets.</summary>
    public Dictionary<string, string>? Selector { get; set; }
}

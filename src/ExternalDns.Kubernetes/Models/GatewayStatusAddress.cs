namespace ExternalDns.Kubernetes.Models;

/// <summary>One <c>status.addresses[]</c> entry of a Gateway: type (IPAddress, Hostname, …) and value.</summary>
public sealed class GatewayStatusAddress
{
    public string? Type { get; set; }

    public string? Value { get; set; }
}

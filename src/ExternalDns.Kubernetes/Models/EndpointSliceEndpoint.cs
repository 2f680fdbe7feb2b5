namespace ExternalDns.Kubernetes.Models;

public sealed class EndpointSliceEndpoint
{
    public List<string>? Addresses { get; set; }

    public EndpointConditions Conditions { get; set => field = value ?? new(); } = new();

    public ObjectReference? TargetRef { get; set; }

    public string? Hostname { get; set; }

    public string? NodeName { get; set; }
}

namespace ExternalDns.Kubernetes.Models;

/// <summary>Endpoint conditions; a missing (null) condition counts as true, as the API specifies.</summary>
public sealed class EndpointConditions
{
    public bool? Ready { get; set; }

    public bool? Serving { get; set; }

    public bool? Terminating { get; set; }
}

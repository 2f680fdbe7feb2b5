namespace ExternalDns.Kubernetes.Models;

/// <summary>One <c>status.parents[]</c> entry of a Gateway API route: which parent, and its conditions (Accepted).</summary>
public sealed class RouteParentStatus
{
    public ParentReference? ParentRef { get; set; }

    public List<Condition>? Conditions { get; set; }
}

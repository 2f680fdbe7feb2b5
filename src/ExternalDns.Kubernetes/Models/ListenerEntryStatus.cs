namespace ExternalDns.Kubernetes.Models;

/// <summary>One <c>status.listeners[]</c> entry of a ListenerSet: the listener's name and conditions (Accepted).</summary>
public sealed class ListenerEntryStatus
{
    public string? Name { get; set; }

    public List<Condition>? Conditions { get; set; }
}

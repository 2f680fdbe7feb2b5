namespace ExternalDns.Kubernetes.Models;

public sealed class ListenerSetStatus
{
    public List<Condition>? Conditions { get; set; }

    public List<ListenerEntryStatus>? Listeners { get; set; }
}

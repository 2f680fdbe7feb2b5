namespace ExternalDns.Kubernetes.Client;

/// <summary>The two values of <c>Event.type</c>.</summary>
public static class KubeEventTypes
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
}

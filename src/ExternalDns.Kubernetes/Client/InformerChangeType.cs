namespace ExternalDns.Kubernetes.Client;

/// <summary>What happened to a cached object.</summary>
public enum InformerChangeType
{
    Added,
    Updated,
    Deleted,
}

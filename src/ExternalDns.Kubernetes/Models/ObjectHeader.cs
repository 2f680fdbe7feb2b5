namespace ExternalDns.Kubernetes.Models;

/// <summary>Only <c>apiVersion</c>, <c>kind</c> and <c>metadata</c>: read first to decide which model to deserialise into.</summary>
public sealed class ObjectHeader : KubeObject
{
}

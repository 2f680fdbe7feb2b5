namespace ExternalDns.Kubernetes.Client;

/// <summary>One object read from the API: its typed body and the metadata the client parsed alongside it.</summary>
/// <typeparam name="T">The caller's model type.</typeparam>
public sealed record KubeObject<T>(KubeObjectMeta Metadata, T Object);

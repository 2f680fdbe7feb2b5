namespace ExternalDns.Testing.Kubernetes;

/// <summary>One request the emulator received. <see cref="Verb"/> is the Kubernetes verb (get, list, watch, create,
/// update, patch, delete, deletecollection), <see cref="Resource"/> the plural (with <c>/subresource</c>).</summary>
public sealed record KubeRequestRecord(string Method, string Verb, string Path, string Query, string? Resource, string? Namespace);

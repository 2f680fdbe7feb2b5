namespace ExternalDns.Testing.Kubernetes;

/// <summary>
/// One extra column of the server-side table printing (<c>kubectl get</c> default output) of a resource, like a CRD's
/// <c>additionalPrinterColumns</c>: <paramref name="Path"/> is a dotted path into the object (<c>spec.type</c>);
/// list values are joined with commas.
/// </summary>
public sealed record KubeTableColumn(string Name, string Path, string Type = "string", int Priority = 0);

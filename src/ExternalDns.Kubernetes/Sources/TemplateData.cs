namespace ExternalDns.Kubernetes.Sources;

/// <summary>What an <c>--fqdn-template</c> can read from an object: <c>.Name</c>, <c>.Namespace</c>, <c>.Kind</c>, <c>.APIVersion</c>, <c>.Labels</c>, <c>.Annotations</c>.</summary>
public sealed record TemplateData(
    string Name,
    string Namespace,
    string Kind,
    string ApiVersion,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations)
{
    public static TemplateData From(Models.KubeObject obj, string kind, string apiVersion)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new TemplateData(obj.Name, obj.Namespace, obj.Kind ?? kind, obj.ApiVersion ?? apiVersion, obj.Labels, obj.Annotations);
    }
}

using ExternalDns.Kubernetes.Client;

namespace ExternalDns.Kubernetes.Watching;

/// <summary>A kind the live sources watch: its name and where it is served.</summary>
/// <param name="Kind">The API kind, e.g. <c>HTTPRoute</c>.</param>
/// <param name="Resource">Group, version, plural and scope.</param>
public sealed record KubeKind(string Kind, KubeResource Resource)
{
    /// <summary>The apiVersion objects of this kind carry.</summary>
    public string ApiVersion => Resource.ApiVersion;

    /// <summary>For a custom resource, the name of its CustomResourceDefinition (<c>plural.group</c>); the resource otherwise.</summary>
    public string DefinitionName => Resource.ToString();

    public override string ToString() => $"{Kind} ({Resource.ApiVersion})";
}

namespace ExternalDns.Kubernetes.Watching;

/// <summary>One ClusterRole rule: an API group (empty for the core group), a resource (or <c>resource/subresource</c>) and verbs.</summary>
public sealed record RbacRule(string ApiGroup, string Resource, IReadOnlyList<string> Verbs)
{
    public static readonly IReadOnlyList<string> Read = ["get", "list", "watch"];

    public static RbacRule Reads(KubeKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return new(kind.Resource.Group, kind.Resource.Plural, Read);
    }

    public override string ToString() => $"{(ApiGroup.Length == 0 ? "\"\"" : ApiGroup)} {Resource}: {string.Join(", ", Verbs)}";
}

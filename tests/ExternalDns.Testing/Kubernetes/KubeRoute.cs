namespace ExternalDns.Testing.Kubernetes;

/// <summary>A parsed resource path: <c>/api/v1/namespaces/{Namespace}/{type}/{Name}/{Subresource}</c> and its
/// cluster-scoped and all-namespaces forms; <see cref="Watch"/> for the legacy <c>/watch/</c> prefix or
/// <c>?watch=true</c>.</summary>
public sealed record KubeRoute(KubeResourceType Type, string? Namespace, string? Name, string? Subresource, bool Watch)
{
    /// <summary>The Kubernetes verb of <paramref name="method"/> on this route.</summary>
    public string Verb(string method) => method switch
    {
        "GET" when Watch => "watch",
        "GET" => Name is null ? "list" : "get",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" => Name is null ? "deletecollection" : "delete",
        _ => method.ToLowerInvariant(),
    };

    public string ResourceName => Subresource is null ? Type.Plural : Type.Plural + "/" + Subresource;

    /// <summary>Parses the part of a path after <c>/api/v1</c> or <c>/apis/{group}/{version}</c>; null when it names
    /// nothing the catalog serves.</summary>
    public static KubeRoute? Parse(KubeResourceCatalog catalog, string groupVersion, string[] rest, bool watchParameter)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(rest);
        var watch = watchParameter;
        if (rest.Length > 0 && rest[0] == "watch")
        {
            watch = true;
            rest = rest[1..];
        }

        string? ns = null;
        if (rest.Length >= 3 && rest[0] == "namespaces" && catalog.Find(groupVersion, rest[2]) is { Namespaced: true })
        {
            ns = rest[1];
            rest = rest[2..];
        }

        if (rest.Length is 0 or > 3 || catalog.Find(groupVersion, rest[0]) is not { } type)
        {
            return null;
        }

        if (type.Namespaced && ns is null && rest.Length > 1)
        {
            return null;
        }

        return new KubeRoute(type, ns, rest.Length > 1 ? rest[1] : null, rest.Length > 2 ? rest[2] : null, watch);
    }
}

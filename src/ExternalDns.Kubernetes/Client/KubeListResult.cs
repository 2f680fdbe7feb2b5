namespace ExternalDns.Kubernetes.Client;

/// <summary>All pages of a list call, and the resource version of the list to start a watch from.</summary>
/// <typeparam name="T">The caller's model type.</typeparam>
public sealed class KubeListResult<T>
{
    public KubeListResult(IReadOnlyList<KubeObject<T>> items, string resourceVersion, int pages)
    {
        Items = items;
        ResourceVersion = resourceVersion;
        Pages = pages;
    }

    public IReadOnlyList<KubeObject<T>> Items { get; }

    /// <summary>The list's <c>metadata.resourceVersion</c> (of the first page, as client-go does).</summary>
    public string ResourceVersion { get; }

    /// <summary>How many requests the pagination loop made.</summary>
    public int Pages { get; }
}

namespace ExternalDns.Kubernetes.Client;

/// <summary>
/// Several kubeconfig files merged as kubectl merges KUBECONFIG: the first file to define a cluster, user or context
/// name wins, and the first non-empty <c>current-context</c> wins.
/// </summary>
internal sealed class MergedKubeConfig
{
    public string? CurrentContext { get; private set; }

    public Dictionary<string, KubeConfigEntry> Clusters { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, KubeConfigEntry> Users { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, KubeConfigEntry> Contexts { get; } = new(StringComparer.Ordinal);

    public void Add(KubeConfigFile file)
    {
        if (string.IsNullOrEmpty(CurrentContext) && !string.IsNullOrEmpty(file.CurrentContext))
        {
            CurrentContext = file.CurrentContext;
        }

        foreach (var e in file.Clusters)
        {
            Clusters.TryAdd(e.Name, e);
        }

        foreach (var e in file.Users)
        {
            Users.TryAdd(e.Name, e);
        }

        foreach (var e in file.Contexts)
        {
            Contexts.TryAdd(e.Name, e);
        }
    }
}

namespace ExternalDns.Kubernetes.Client;

/// <summary>The <c>user.exec</c> section of a kubeconfig.</summary>
internal sealed class ExecPluginConfig
{
    public required string ApiVersion { get; init; }

    public required string Command { get; init; }

    public IReadOnlyList<string> Args { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = [];

    public string? InstallHint { get; init; }

    public bool ProvideClusterInfo { get; init; }

    public string? InteractiveMode { get; init; }

    /// <summary>Directory of the kubeconfig that declared the plugin: a relative command path is resolved against it.</summary>
    public string? BaseDirectory { get; init; }
}

using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ExternalDns.Kubernetes.Client;

/// <summary>One kubeconfig file as read: its current-context and its named clusters, users and contexts.</summary>
internal sealed class KubeConfigFile(string path)
{
    public string Path { get; } = path;

    public string? CurrentContext { get; set; }

    public List<KubeConfigEntry> Clusters { get; } = [];

    public List<KubeConfigEntry> Users { get; } = [];

    public List<KubeConfigEntry> Contexts { get; } = [];

    /// <summary>Reads and parses <paramref name="path"/>; an empty file is an empty config.</summary>
    public static KubeConfigFile Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"kubeconfig file {path} cannot be read: {e.Message}", e);
        }

        var parsed = new KubeConfigFile(path);
        if (string.IsNullOrWhiteSpace(text))
        {
            return parsed;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            // YamlDotNet messages describe the syntax, not the value.
            throw new KubeConfigException($"kubeconfig file {path} is not valid YAML (line {e.Start.Line}, column {e.Start.Column}): {e.Message}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return parsed;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new KubeConfigException($"kubeconfig file {path} is not a kubeconfig: its top level is not a mapping");
        }

        var kind = KubeConfigYaml.GetScalar(root, "kind");
        if (!string.IsNullOrEmpty(kind) && kind != "Config")
        {
            throw new KubeConfigException($"kubeconfig file {path} has kind '{kind}', expected Config");
        }

        parsed.CurrentContext = KubeConfigYaml.GetScalar(root, "current-context");
        ReadNamedList(root, "clusters", "cluster", parsed, parsed.Clusters);
        ReadNamedList(root, "users", "user", parsed, parsed.Users);
        ReadNamedList(root, "contexts", "context", parsed, parsed.Contexts);
        return parsed;
    }

    private static void ReadNamedList(YamlMappingNode root, string listKey, string itemKey, KubeConfigFile file, List<KubeConfigEntry> into)
    {
        var node = KubeConfigYaml.Child(root, listKey);
        if (node is null or YamlScalarNode { Value: null or "" })
        {
            return;
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw new KubeConfigException($"kubeconfig file {file.Path}: '{listKey}' must be a list (line {node.Start.Line})");
        }

        foreach (var item in sequence.Children)
        {
            if (item is not YamlMappingNode mapping)
            {
                throw new KubeConfigException($"kubeconfig file {file.Path}: an entry of '{listKey}' is not a mapping (line {item.Start.Line})");
            }

            var name = KubeConfigYaml.GetScalar(mapping, "name");
            if (string.IsNullOrEmpty(name))
            {
                throw new KubeConfigException($"kubeconfig file {file.Path}: an entry of '{listKey}' has no name (line {item.Start.Line})");
            }

            var body = KubeConfigYaml.Child(mapping, itemKey);
            if (body is not null and not YamlMappingNode && body is not YamlScalarNode { Value: null or "" })
            {
                throw new KubeConfigException($"kubeconfig file {file.Path}: {itemKey} '{name}' is not a mapping (line {body.Start.Line})");
            }

            into.Add(new KubeConfigEntry(name, file.Path, body as YamlMappingNode ?? new YamlMappingNode()));
        }
    }
}

using YamlDotNet.RepresentationModel;

namespace ExternalDns.Kubernetes.Client;

/// <summary>A named cluster, user or context of a kubeconfig file, with the file it came from.</summary>
internal sealed class KubeConfigEntry(string name, string file, YamlMappingNode body)
{
    public string Name { get; } = name;

    public string File { get; } = file;

    public string? Directory => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(File));

    public YamlMappingNode Body { get; } = body;

    public string? Get(string key) => KubeConfigYaml.GetScalar(Body, key);

    public YamlMappingNode? GetMapping(string key) => KubeConfigYaml.Child(Body, key) as YamlMappingNode;

    public bool GetBool(string key)
    {
        var value = Get(key);
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        if (bool.TryParse(value, out var b))
        {
            return b;
        }

        throw new KubeConfigException($"{key} of '{Name}' in {File} is '{value}', expected true or false");
    }

    /// <summary>Relative paths in a kubeconfig are relative to the file that contains them (as kubectl resolves them).</summary>
    public string ResolvePath(string path) =>
        System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.GetFullPath(System.IO.Path.Combine(Directory ?? ".", path));
}

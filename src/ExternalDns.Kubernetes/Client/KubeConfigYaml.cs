using YamlDotNet.RepresentationModel;

namespace ExternalDns.Kubernetes.Client;

/// <summary>Reads values out of kubeconfig YAML nodes.</summary>
internal static class KubeConfigYaml
{
    public static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static string? GetScalar(YamlMappingNode node, string key) => Child(node, key) is YamlScalarNode s ? s.Value : null;
}

using System.Text.Json;
using ExternalDns.Kubernetes.Models;
using ExternalDns.Kubernetes.Sources;

namespace ExternalDns.Kubernetes.Tests;

/// <summary>The node mapping where golden files do not reach: the object reference, the switch, template failures.</summary>
public sealed class NodeMapperTests
{
    private static Node Node(string json) => JsonSerializer.Deserialize(json, KubernetesJsonContext.Default.Node)!;

    private static KubernetesObjectSet Set(params Node[] nodes)
    {
        var set = new KubernetesObjectSet();
        set.Nodes.AddRange(nodes);
        return set;
    }

    [Fact]
    public void A_node_is_named_node_slash_name_in_labels_and_warnings()
    {
        var settings = MappingSettings.Create(new MappingOptions { PublishNodes = true });
        var mapping = new NodeMapper(settings).Map(Node("""{"metadata":{"name":"n1","uid":"u1"}}"""));

        Assert.False(mapping.IsResolved);
        Assert.Empty(mapping.Endpoints);
        Assert.Equal(new ResourceRef("Node", string.Empty, "n1"), mapping.Object);
        Assert.Equal("node/n1", mapping.Object.ResourceLabel);
        Assert.StartsWith("node/n1: node has no ExternalIP or InternalIP address", Assert.Single(mapping.Warnings).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    public void Nodes_are_published_only_when_switched_on(bool publish, int expected)
    {
        var mapper = new KubernetesMapper(MappingSettings.Create(new MappingOptions { PublishNodes = publish }));
        var output = mapper.Map(Set(Node("""{"metadata":{"name":"n1.example.org"},"status":{"addresses":[{"type":"ExternalIP","address":"192.0.2.1"}]}}""")));

        Assert.Equal(expected, output.Endpoints.Count);
        Assert.All(output.Endpoints, e => Assert.Equal("node/n1.example.org", e.Labels.Resource));
    }

    [Fact]
    public void A_failing_template_leaves_the_node_unresolved_and_keeps_its_own_name_when_combining()
    {
        var settings = MappingSettings.Create(new MappingOptions
        {
            PublishNodes = true,
            CombineFqdnAnnotation = true,
            FqdnTemplates = ["{{ index .Name \"x\" }}.example.org"],
        });
        var output = new KubernetesMapper(settings).Map(Set(Node("""{"metadata":{"name":"n1.example.org"},"status":{"addresses":[{"type":"ExternalIP","address":"192.0.2.1"}]}}""")));

        Assert.Equal("n1.example.org", Assert.Single(output.Endpoints).DnsName);
        Assert.Equal(["node/n1.example.org"], output.UnresolvedResources);
        Assert.Contains(output.Warnings, w => w.Message.Contains("--fqdn-template", StringComparison.Ordinal));
    }
}

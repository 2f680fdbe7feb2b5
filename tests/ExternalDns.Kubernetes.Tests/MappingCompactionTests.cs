using ExternalDns.Kubernetes.Models;
using ExternalDns.Kubernetes.Sources;

namespace ExternalDns.Kubernetes.Tests;

/// <summary>What the mapping keeps per object is compact, and the result is the same.</summary>
public class MappingCompactionTests
{
    [Fact]
    public void Endpoints_of_one_object_with_the_same_targets_share_one_targets_instance()
    {
        var set = new KubernetesObjectSet();
        set.Ingresses.Add(new Ingress
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new IngressSpec
            {
                Rules = [new IngressRule { Host = "a.example.org" }],
                Tls = [new IngressTls { Hosts = ["b.example.org"] }],
            },
            Status = new IngressStatus { LoadBalancer = new LoadBalancerStatus { Ingress = [new LoadBalancerIngress { Ip = "192.0.2.1" }] } },
        });
        var mapper = new KubernetesMapper(MappingSettings.Create(new MappingOptions()));
        var first = mapper.Map(set).Endpoints.OrderBy(e => e.DnsName, StringComparer.Ordinal).ToList();
        Assert.Equal(["a.example.org A 192.0.2.1", "b.example.org A 192.0.2.1"], first.Select(e => $"{e.DnsName} {e.RecordType} {e.Targets}"));
        Assert.Same(first[0].Targets, first[1].Targets);
        Assert.Equal("ingress/default/web", first[1].Labels.Resource);

        // The next pass reuses the kept mapping: the same endpoints.
        var second = mapper.Map(set).Endpoints.OrderBy(e => e.DnsName, StringComparer.Ordinal).ToList();
        Assert.Equal(first.Select(e => e.ToString()), second.Select(e => e.ToString()));
        Assert.Equal(1, mapper.LastReusedMappings);
    }
}

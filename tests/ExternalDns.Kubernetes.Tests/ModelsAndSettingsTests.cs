using System.Text.Json;
using System.Text.Json.Nodes;
using ExternalDns.Kubernetes.Manifests;
using ExternalDns.Kubernetes.Models;
using ExternalDns.Kubernetes.Sources;

namespace ExternalDns.Kubernetes.Tests;

public sealed class ModelsAndSettingsTests
{
    [Fact]
    public void Service_reads_API_JSON_field_names()
    {
        const string json = """
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop","uid":"u-1","generation":2,"resourceVersion":"42",
             "labels":{"app":"web"},"annotations":{"a":"b"},"managedFields":[{"manager":"kubectl"}]},
             "spec":{"type":"LoadBalancer","clusterIP":"10.0.0.1","clusterIPs":["10.0.0.1","fd00::1"],"externalIPs":["1.2.3.4"],
                     "externalName":"x","externalTrafficPolicy":"Local","publishNotReadyAddresses":true,"selector":{"app":"web"},
                     "ports":[{"name":"http","protocol":"TCP","port":80,"targetPort":8080,"nodePort":30080}]},
             "status":{"loadBalancer":{"ingress":[{"ip":"5.6.7.8","hostname":"lb.example.net","ipMode":"VIP"}]}}}
            """;
        var svc = JsonSerializer.Deserialize(json, KubernetesJsonContext.Default.Service)!;
        Assert.Equal(("web", "shop", "u-1", 2L, "42"), (svc.Name, svc.Namespace, svc.Metadata.Uid, svc.Metadata.Generation, svc.Metadata.ResourceVersion));
        Assert.Equal("10.0.0.1", svc.Spec.ClusterIP);
        Assert.Equal(["10.0.0.1", "fd00::1"], svc.Spec.ClusterIPs!);
        Assert.Equal(["1.2.3.4"], svc.Spec.ExternalIPs!);
        Assert.True(svc.Spec.PublishNotReadyAddresses);
        Assert.Equal(30080, svc.Spec.Ports![0].NodePort);
        Assert.Equal("lb.example.net", svc.Status.LoadBalancer.Ingress![0].Hostname);
    }

    [Fact]
    public void EndpointSlice_Pod_Node_and_DNSEndpoint_read_their_fields()
    {
        var slice = JsonSerializer.Deserialize("""{"addressType":"IPv4","endpoints":[{"addresses":["10.1.0.1"],"conditions":{"ready":false},"hostname":"h","nodeName":"n","targetRef":{"kind":"Pod","name":"p"}}]}""", KubernetesJsonContext.Default.EndpointSlice)!;
        Assert.Equal((false, "p", "h", "n"), (slice.Endpoints![0].Conditions.Ready, slice.Endpoints[0].TargetRef!.Name, slice.Endpoints[0].Hostname, slice.Endpoints[0].NodeName));

        var pod = JsonSerializer.Deserialize("""{"metadata":{"name":"p","deletionTimestamp":"2026-01-01T00:00:00Z"},"spec":{"hostname":"h","nodeName":"n"},"status":{"phase":"Running","hostIP":"192.0.2.1","conditions":[{"type":"Ready","status":"True"}]}}""", KubernetesJsonContext.Default.Pod)!;
        Assert.Equal(("192.0.2.1", "Running", "2026-01-01T00:00:00Z"), (pod.Status.HostIP, pod.Status.Phase, pod.Metadata.DeletionTimestamp));

        var node = JsonSerializer.Deserialize("""{"spec":{"unschedulable":true},"status":{"addresses":[{"type":"ExternalIP","address":"192.0.2.9"}]}}""", KubernetesJsonContext.Default.Node)!;
        Assert.True(node.Spec.Unschedulable);
        Assert.Equal("192.0.2.9", node.Status.Addresses![0].Address);

        var d = JsonSerializer.Deserialize("""{"spec":{"endpoints":[{"dnsName":"a.org","recordType":"A","targets":["1.2.3.4"],"recordTTL":60,"setIdentifier":"s","labels":{"k":"v"},"providerSpecific":[{"name":"n","value":"v"}]}]},"status":{"observedGeneration":3}}""", KubernetesJsonContext.Default.DnsEndpoint)!;
        var e = d.Spec.Endpoints![0]!;
        Assert.Equal(("a.org", 60L, "s", "n", 3L), (e.DnsName, e.RecordTtl, e.SetIdentifier, e.ProviderSpecific![0].Name, d.Status.ObservedGeneration));
    }

    [Fact]
    public void Null_sections_become_empty_objects()
    {
        var svc = JsonSerializer.Deserialize("""{"metadata":null,"spec":null,"status":null}""", KubernetesJsonContext.Default.Service)!;
        Assert.NotNull(svc.Metadata);
        Assert.NotNull(svc.Spec);
        Assert.NotNull(svc.Status.LoadBalancer);
    }

    [Fact]
    public void Serialised_names_are_the_API_spellings()
    {
        var json = JsonSerializer.Serialize(new Service { Spec = { ClusterIP = "1.2.3.4", ExternalIPs = ["5.6.7.8"] }, Status = { LoadBalancer = { Ingress = [new LoadBalancerIngress { Ip = "9.9.9.9" }] } } }, KubernetesJsonContext.Default.Service);
        Assert.Contains("\"clusterIP\":\"1.2.3.4\"", json, StringComparison.Ordinal);
        Assert.Contains("\"externalIPs\":[\"5.6.7.8\"]", json, StringComparison.Ordinal);
        Assert.Contains("\"ip\":\"9.9.9.9\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"name\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a: 1", "{\"a\":1}")]
    [InlineData("a: '1'", "{\"a\":\"1\"}")]
    [InlineData("a: true", "{\"a\":true}")]
    [InlineData("a: yes", "{\"a\":\"yes\"}")]
    [InlineData("a: on", "{\"a\":\"on\"}")]
    [InlineData("a: ~", "{\"a\":null}")]
    [InlineData("a:", "{\"a\":null}")]
    [InlineData("a: 1.5", "{\"a\":1.5}")]
    [InlineData("a: 1.2.3.4", "{\"a\":\"1.2.3.4\"}")]
    [InlineData("a: 2001:db8::1", "{\"a\":\"2001:db8::1\"}")]
    [InlineData("a: !!str 5", "{\"a\":\"5\"}")]
    [InlineData("a: |\n  x\n", "{\"a\":\"x\\n\"}")]
    [InlineData("a: [1, b, {c: d}]", "{\"a\":[1,\"b\",{\"c\":\"d\"}]}")]
    [InlineData("x: &v 5\ny: *v", "{\"x\":5,\"y\":5}")]
    public void Yaml_scalars_follow_the_core_schema(string yaml, string json) =>
        Assert.Equal(json, Assert.Single(YamlJson.ParseDocuments(yaml))!.ToJsonString());

    [Fact]
    public void Yaml_multi_document_streams_keep_empty_documents_as_null()
    {
        var docs = YamlJson.ParseDocuments("a: 1\n---\n---\nb: 2\n");
        Assert.Equal(3, docs.Count);
        Assert.Null(docs[1]);
    }

    [Fact]
    public void Yaml_alias_expansion_is_bounded()
    {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (var i = 0; i < 7; i++)
        {
            yaml += $"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat(i == 0 ? "*a" : $"*l{i - 1}", 10))}]\n";
        }

        var e = Assert.Throws<YamlDotNet.Core.YamlException>(() => YamlJson.ParseDocuments(yaml));
        Assert.Contains("more than 1000000 nodes", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("192.0.2.1", null)]
    [InlineData("2001:db8::1", null)]
    [InlineData("lb.example.net", null)]
    [InlineData("lb.example.net.", null)]
    [InlineData("10.0.0", "is not a valid IP address")]
    [InlineData("300.1.1.1", "is not a valid IP address")]
    [InlineData("fe80::1%eth0", "is not an IP address or a host name")]
    [InlineData("a b", "is not an IP address or a valid host name")]
    [InlineData("", "is empty")]
    public void TargetChecks_accept_IPs_and_host_names(string target, string? reasonStart)
    {
        var reason = TargetChecks.Validate(target);
        if (reasonStart is null)
        {
            Assert.Null(reason);
        }
        else
        {
            Assert.StartsWith(reasonStart, reason, StringComparison.Ordinal);
        }
    }

    public static TheoryData<MappingOptions, string> BadOptions() => new()
    {
        { new MappingOptions { AnnotationPrefix = "custom.io" }, "--annotation-prefix" },
        { new MappingOptions { AnnotationPrefix = string.Empty }, "--annotation-prefix" },
        { new MappingOptions { LabelFilter = "app in (web" }, "--label-filter" },
        { new MappingOptions { AnnotationFilter = "a>1" }, "--annotation-filter" },
        { new MappingOptions { IngressClassNames = ["nginx"], AnnotationFilter = "kubernetes.io/ingress.class=nginx" }, "--ingress-class" },
        { new MappingOptions { IgnoreHostnameAnnotation = true }, "--ignore-hostname-annotation requires --fqdn-template" },
        { new MappingOptions { FqdnTemplates = ["{{ .Spec.X }}"] }, "--fqdn-template" },
        { new MappingOptions { ServiceTypeFilter = ["Headless"] }, "--service-type-filter" },
        { new MappingOptions { DefaultTargets = ["not a target"] }, "--default-targets" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Invalid_options_name_the_flag(MappingOptions options, string fragment)
    {
        var e = Assert.Throws<ArgumentException>(() => MappingSettings.Create(options));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_service_type_filter_entry_disables_the_filter() =>
        Assert.Null(MappingSettings.Create(new MappingOptions { ServiceTypeFilter = ["LoadBalancer", string.Empty] }).ServiceTypes);

    [Fact]
    public void A_mapping_result_carries_the_object_reference_for_events()
    {
        var settings = MappingSettings.Create(new MappingOptions());
        var svc = JsonSerializer.Deserialize("""{"metadata":{"name":"web","namespace":"shop","annotations":{"external-dns.kubernetes.io/hostname":"web.example.org","external-dns.kubernetes.io/ttl":"x"}},"spec":{"type":"LoadBalancer"},"status":{"loadBalancer":{"ingress":[{"ip":"192.0.2.1"}]}}}""", KubernetesJsonContext.Default.Service)!;
        var mapping = new ServiceMapper(settings).Map(svc, new KubernetesObjectSet());
        Assert.True(mapping.IsResolved);
        var warning = Assert.Single(mapping.Warnings);
        Assert.Equal(new ResourceRef("Service", "shop", "web"), warning.Object);
        Assert.Equal(("external-dns.kubernetes.io/ttl", "x"), (warning.Annotation, warning.Value));
        Assert.Equal("service/shop/web", mapping.Object.ResourceLabel);
        Assert.Equal(JsonValue.Create("web.example.org")!.ToString(), Assert.Single(mapping.Endpoints).DnsName);
    }
}

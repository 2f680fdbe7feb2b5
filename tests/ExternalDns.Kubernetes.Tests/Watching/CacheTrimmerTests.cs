using ExternalDns.Kubernetes.Models;
using ExternalDns.Kubernetes.Sources;
using ExternalDns.Kubernetes.Watching;

namespace ExternalDns.Kubernetes.Tests.Watching;

public class CacheTrimmerTests
{
    private static Service Svc(Dictionary<string, string> annotations) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default", Annotations = annotations, Labels = new() { ["app"] = "web" } },
    };

    private static Dictionary<string, string> Annotations() => new()
    {
        [CacheTrimmer.LastAppliedAnnotation] = new string('x', 4000),
        ["external-dns.kubernetes.io/hostname"] = "web.example.org",
        ["external-dns.alpha.kubernetes.io/ttl"] = "60",
        ["kubernetes.io/ingress.class"] = "nginx",
        ["team"] = "payments",
        ["deployment.kubernetes.io/revision"] = "7",
    };

    [Fact]
    public void Keeps_only_annotations_the_mapping_reads()
    {
        var trimmer = new CacheTrimmer(MappingSettings.Create(new MappingOptions()));
        var trimmed = trimmer.Trim(Svc(Annotations()));
        Assert.Equal(
            ["external-dns.alpha.kubernetes.io/ttl", "external-dns.kubernetes.io/hostname", "kubernetes.io/ingress.class"],
            trimmed.Annotations.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(trimmed.Labels);
    }

    [Theory]
    [InlineData("label-filter")]
    [InlineData("fqdn-template")]
    [InlineData("target-template")]
    [InlineData("molecule")]
    public void Keeps_service_labels_when_something_reads_them(string reader)
    {
        var options = reader switch
        {
            "label-filter" => new MappingOptions { LabelFilter = "app=web" },
            "fqdn-template" => new MappingOptions { FqdnTemplates = ["{{ index .Labels \"app\" }}.example.org"] },
            "target-template" => new MappingOptions { TargetTemplates = ["{{ index .Labels \"app\" }}.lb.example.org"] },
            _ => new MappingOptions { Compatibility = "molecule" },
        };
        var trimmed = new CacheTrimmer(MappingSettings.Create(options)).Trim(Svc(Annotations()));
        Assert.Equal("web", trimmed.Labels["app"]);
    }

    [Fact]
    public void Keeps_the_labels_of_kinds_that_selectors_match()
    {
        var trimmer = new CacheTrimmer(MappingSettings.Create(new MappingOptions()));
        var pod = trimmer.Trim(new Pod { Metadata = new ObjectMeta { Name = "p", Namespace = "default", Labels = new() { ["app"] = "web" } } });
        Assert.Equal("web", pod.Labels["app"]);
    }

    [Fact]
    public void Keeps_all_but_last_applied_when_a_target_template_reads_annotations()
    {
        var trimmer = new CacheTrimmer(MappingSettings.Create(new MappingOptions { TargetTemplates = ["{{ index .Annotations \"team\" }}.lb.example.org"] }));
        Assert.Contains("team", trimmer.Trim(Svc(Annotations())).Annotations.Keys);
    }

    [Fact]
    public void Keeps_keys_of_the_annotation_filter_and_the_configured_prefix()
    {
        var trimmer = new CacheTrimmer(MappingSettings.Create(new MappingOptions { AnnotationFilter = "team in (payments)", AnnotationPrefix = "dns.example.com/" }));
        var svc = Svc(new Dictionary<string, string>(Annotations()) { ["dns.example.com/hostname"] = "x.example.org" });
        var keys = trimmer.Trim(svc).Annotations.Keys.ToHashSet();
        Assert.Contains("team", keys);
        Assert.Contains("dns.example.com/hostname", keys);
        Assert.DoesNotContain(CacheTrimmer.LastAppliedAnnotation, keys);
        Assert.DoesNotContain("deployment.kubernetes.io/revision", keys);
    }

    [Fact]
    public void Keeps_all_but_last_applied_when_a_template_reads_annotations()
    {
        var trimmer = new CacheTrimmer(MappingSettings.Create(new MappingOptions { FqdnTemplates = ["{{ index .Annotations \"team\" }}.example.org"] }));
        var keys = trimmer.Trim(Svc(Annotations())).Annotations.Keys.ToHashSet();
        Assert.Equal(5, keys.Count);
        Assert.DoesNotContain(CacheTrimmer.LastAppliedAnnotation, keys);
    }

    [Fact]
    public void The_mapping_of_a_trimmed_object_is_unchanged()
    {
        var settings = MappingSettings.Create(new MappingOptions());
        Service Make() => new()
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default", Annotations = Annotations() },
            Spec = new ServiceSpec { Type = "LoadBalancer" },
            Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = [new LoadBalancerIngress { Ip = "192.0.2.1" }] } },
        };
        var full = new KubernetesObjectSet();
        full.Services.Add(Make());
        var trimmed = new KubernetesObjectSet();
        trimmed.Services.Add(new CacheTrimmer(settings).Trim(Make()));

        static string Show(MappingOutput o) => string.Join("|", o.Endpoints.Select(e => $"{e.DnsName} {e.RecordType} {e.RecordTtl} {e.Targets}"));
        var expected = Show(new KubernetesMapper(settings).Map(full));
        Assert.Equal(expected, Show(new KubernetesMapper(settings).Map(trimmed)));
        Assert.Contains("web.example.org A 60 192.0.2.1", expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Shares_the_repeated_strings_of_services_and_drops_cluster_ips()
    {
        var trimmer = new CacheTrimmer(MappingSettings.Create(new MappingOptions()));
        Service Make(string name) => new()
        {
            ApiVersion = new string("v1".AsSpan()),
            Metadata = new ObjectMeta { Name = name, Namespace = new string("team-a".AsSpan()) },
            Spec = new ServiceSpec
            {
                Type = new string("LoadBalancer".AsSpan()),
                ExternalTrafficPolicy = new string("Cluster".AsSpan()),
                ClusterIP = "10.0.0.1",
                ClusterIPs = ["10.0.0.1"],
                Ports = [new ServicePort { Name = new string("https".AsSpan()), Protocol = new string("TCP".AsSpan()), Port = 443 }],
                Selector = new() { [new string("app.kubernetes.io/name".AsSpan())] = new string(name.AsSpan()), ["app.kubernetes.io/instance"] = new string("release-1".AsSpan()) },
            },
        };
        var a = trimmer.Trim(Make("svc-a"));
        var b = trimmer.Trim(Make("svc-b"));
        Assert.Same(a.ApiVersion, b.ApiVersion);
        Assert.Same(a.Namespace, b.Namespace);
        Assert.Same(a.Spec.Type, b.Spec.Type);
        Assert.Same(a.Spec.ExternalTrafficPolicy, b.Spec.ExternalTrafficPolicy);
        Assert.Same(a.Spec.Ports![0].Name, b.Spec.Ports![0].Name);
        Assert.Same(a.Spec.Ports[0].Protocol, b.Spec.Ports[0].Protocol);
        Assert.Same(a.Spec.Selector!.Keys.First(), b.Spec.Selector!.Keys.First());
        Assert.Same(a.Spec.Selector["app.kubernetes.io/instance"], b.Spec.Selector["app.kubernetes.io/instance"]);
        Assert.Same(a.Metadata.Name, a.Spec.Selector["app.kubernetes.io/name"]); // the name's own instance
        Assert.Equal("svc-b", b.Spec.Selector["app.kubernetes.io/name"]);
        Assert.Null(a.Spec.ClusterIPs);
        Assert.Equal("10.0.0.1", a.Spec.ClusterIP);
        Assert.Equal(443, a.Spec.Ports[0].Port);
    }

    [Fact]
    public void A_tls_host_equal_to_a_rule_host_becomes_the_same_string_and_the_class_is_shared()
    {
        var trimmer = new CacheTrimmer(MappingSettings.Create(new MappingOptions()));
        Ingress Make() => new()
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new IngressSpec
            {
                IngressClassName = new string("nginx".AsSpan()),
                Rules = [new IngressRule { Host = new string("web.example.org".AsSpan()) }],
                Tls = [new IngressTls { Hosts = [new string("web.example.org".AsSpan()), "other.example.org"] }],
            },
        };
        var a = trimmer.Trim(Make());
        var b = trimmer.Trim(Make());
        Assert.Same(a.Spec.Rules![0].Host, a.Spec.Tls![0].Hosts![0]);
        Assert.Equal(["web.example.org", "other.example.org"], a.Spec.Tls[0].Hosts!);
        Assert.Same(a.Spec.IngressClassName, b.Spec.IngressClassName);
    }
}

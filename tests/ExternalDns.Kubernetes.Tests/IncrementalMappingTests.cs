using System.Globalization;
using System.Text;
using System.Text.Json;
using ExternalDns.Core.Endpoints;
using ExternalDns.Kubernetes.Models;
using ExternalDns.Kubernetes.Sources;

namespace ExternalDns.Kubernetes.Tests;

/// <summary>
/// Property test of incremental mapping: after any sequence of add/update/delete events on Services (LoadBalancer,
/// NodePort, headless), Ingresses, DNSEndpoints and what they depend on (Nodes, EndpointSlices, Pods), one long-lived
/// mapper (reusing unchanged objects' mappings) gives exactly what a fresh mapper gives for the same snapshot. As the
/// informer caches do, a changed object is a new instance and an unchanged one keeps its instance. The endpoints a pass
/// handed out are read-only and may be handed out again (<c>SourceResult.Endpoints</c>): the next pass must leave them as
/// they were.
/// </summary>
public sealed class IncrementalMappingTests
{
    public static TheoryData<int, string> Cases => new()
    {
        { 1, "default" },
        { 2, "default" },
        { 3, "fqdn-template" },
        { 4, "publish-host-ip" },
        { 5, "default-targets" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Incremental_mapping_equals_a_full_remap_after_random_events(int seed, string flags)
    {
        var options = flags switch
        {
            "fqdn-template" => new MappingOptions { FqdnTemplates = ["{{.Name}}.tmpl.example.org"], CombineFqdnAnnotation = true },
            "publish-host-ip" => new MappingOptions { PublishHostIP = true, PublishInternalServices = true },
            "default-targets" => new MappingOptions { DefaultTargets = ["192.0.2.250"] },
            _ => new MappingOptions(),
        };
        var settings = MappingSettings.Create(options);
        var incremental = new KubernetesMapper(settings);
        var world = new World(new Random(seed));
        var reused = 0;
        var computed = 0;
        var handedOut = new HandedOutEndpoints(Render);

        // The memo without the per-name merge (no --events): its endpoints go through the full merge every pass.
        var memoOnly = new KubernetesMapper(settings) { Incremental = false };
        var memoOnlyHandedOut = new HandedOutEndpoints(Render);
        for (var step = 0; step < 300; step++)
        {
            world.Step();
            var set = world.Snapshot();
            var output = incremental.Map(set);
            reused += incremental.LastReusedMappings;
            computed += incremental.LastComputedMappings;
            var expected = new KubernetesMapper(settings) { Incremental = false }.Map(world.Snapshot());
            Assert.Equal(Render(expected), Render(output));
            handedOut.Check(output);
            var memoOnlyOutput = memoOnly.Map(world.Snapshot());
            Assert.Equal(Render(expected), Render(memoOnlyOutput));
            memoOnlyHandedOut.Check(memoOnlyOutput);
        }

        // The memo did its job (else the comparison above proves nothing about it): most mappings were reused.
        Assert.True(reused > computed, $"reused {reused} mappings, computed {computed}");
        Assert.True(handedOut.Shared > 0, "no endpoint instance was handed out again");
    }

    private static string Render(MappingOutput output)
    {
        var sb = new StringBuilder();
        foreach (var e in output.Endpoints)
        {
            sb.Append(e).Append(" ttl=").Append(e.RecordTtl.ToString(CultureInfo.InvariantCulture));
            foreach (var (k, v) in e.Labels.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                sb.Append(' ').Append(k).Append('=').Append(v);
            }

            foreach (var p in e.ProviderSpecific)
            {
                sb.Append(" ps:").Append(p.Name).Append('=').Append(p.Value);
            }

            sb.Append('\n');
        }

        foreach (var w in output.Warnings)
        {
            sb.Append("warning ").Append(w).Append('\n');
        }

        foreach (var u in output.UnresolvedResources.Order(StringComparer.Ordinal))
        {
            sb.Append("unresolved ").Append(u).Append('\n');
        }

        foreach (var r in output.IncompleteReasons)
        {
            sb.Append("incomplete ").Append(r).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The cluster: a few names per kind so that updates and deletes hit existing objects often.</summary>
    private sealed class World(Random random)
    {
        private readonly SortedDictionary<string, KubeObject> _objects = new(StringComparer.Ordinal);

        public void Step()
        {
            var kind = random.Next(7);
            var name = kind switch
            {
                0 => "svc-" + random.Next(6),
                1 => "ing-" + random.Next(4),
                2 => "node-" + random.Next(3),
                3 => "slice-" + random.Next(4),
                4 => "pod-" + random.Next(5),
                5 => "dnsep-" + random.Next(2),
                _ => "svc-" + random.Next(6),
            };
            var key = name;
            if (random.Next(5) == 0)
            {
                _objects.Remove(key);
                return;
            }

            _objects[key] = kind switch
            {
                0 or 6 => Service(name),
                1 => Ingress(name),
                2 => Node(name),
                3 => Slice(name),
                4 => Pod(name),
                _ => DnsEndpoint(name),
            };
        }

        public KubernetesObjectSet Snapshot()
        {
            var set = new KubernetesObjectSet();
            foreach (var o in _objects.Values)
            {
                switch (o)
                {
                    case Service s: set.Services.Add(s); break;
                    case Ingress i: set.Ingresses.Add(i); break;
                    case Node n: set.Nodes.Add(n); break;
                    case EndpointSlice e: set.EndpointSlices.Add(e); break;
                    case Pod p: set.Pods.Add(p); break;
                    case DnsEndpoint d: set.DnsEndpoints.Add(d); break;
                }
            }

            return set;
        }

        private string Ip(string prefix) => prefix + random.Next(1, 4).ToString(CultureInfo.InvariantCulture);

        private string Host(string name) => $"{name}-{random.Next(2)}.example.org";

        private Service Service(string name)
        {
            var selector = "app-" + random.Next(2);
            var annotations = random.Next(4) == 0
                ? $$$"""{"external-dns.alpha.kubernetes.io/hostname":"{{{Host(name)}}}","external-dns.alpha.kubernetes.io/ttl":"{{{random.Next(60, 62)}}}"}"""
                : $$$"""{"external-dns.alpha.kubernetes.io/hostname":"{{{Host(name)}}}"}""";
            var spec = random.Next(3) switch
            {
                0 => $$$"""{"type":"LoadBalancer","selector":{"app":"{{{selector}}}"}}""",
                1 => $$$"""{"type":"NodePort","selector":{"app":"{{{selector}}}"},"externalTrafficPolicy":"{{{(random.Next(2) == 0 ? "Local" : "Cluster")}}}","ports":[{"port":80,"nodePort":30080}]}""",
                _ => $$$"""{"type":"ClusterIP","clusterIP":"None","selector":{"app":"{{{selector}}}"}}""",
            };
            var status = random.Next(3) == 0 ? "{}" : $$$"""{"loadBalancer":{"ingress":[{"ip":"{{{Ip("192.0.2.")}}}"}]}}""";
            return Parse($$$"""{"metadata":{"name":"{{{name}}}","namespace":"ns","uid":"u-{{{name}}}","annotations":{{{annotations}}}},"spec":{{{spec}}},"status":{{{status}}}}""", KubernetesJsonContext.Default.Service);
        }

        private Ingress Ingress(string name) => Parse(
            $$$"""{"metadata":{"name":"{{{name}}}","namespace":"ns"},"spec":{"rules":[{"host":"{{{Host(name)}}}"}]},"status":{"loadBalancer":{"ingress":[{"ip":"{{{Ip("198.51.100.")}}}"}]}}""" + "}",
            KubernetesJsonContext.Default.Ingress);

        private Node Node(string name) => Parse(
            random.Next(4) == 0
                ? $$$"""{"metadata":{"name":"{{{name}}}"},"status":{"addresses":[{"type":"InternalIP","address":"{{{Ip("10.0.0.")}}}"}]}}"""
                : $$$"""{"metadata":{"name":"{{{name}}}"},"status":{"addresses":[{"type":"ExternalIP","address":"{{{Ip("203.0.113.")}}}"},{"type":"InternalIP","address":"{{{Ip("10.0.0.")}}}"}]}}""",
            KubernetesJsonContext.Default.Node);

        private EndpointSlice Slice(string name) => Parse(
            $$$"""{"metadata":{"name":"{{{name}}}","namespace":"ns","labels":{"kubernetes.io/service-name":"svc-{{{random.Next(6)}}}"}},"addressType":"IPv4","endpoints":[{"addresses":["{{{Ip("10.1.0.")}}}"],"conditions":{"ready":{{{(random.Next(3) == 0 ? "false" : "true")}}}},"targetRef":{"kind":"Pod","name":"pod-{{{random.Next(5)}}}","namespace":"ns"},"nodeName":"node-{{{random.Next(3)}}}"}]}""",
            KubernetesJsonContext.Default.EndpointSlice);

        private Pod Pod(string name) => Parse(
            $$$"""{"metadata":{"name":"{{{name}}}","namespace":"ns","labels":{"app":"app-{{{random.Next(2)}}}"}},"spec":{"hostname":"{{{name}}}","nodeName":"node-{{{random.Next(3)}}}"},"status":{"phase":"{{{(random.Next(4) == 0 ? "Pending" : "Running")}}}","hostIP":"{{{Ip("10.0.0.")}}}","podIP":"{{{Ip("10.1.0.")}}}"}}""",
            KubernetesJsonContext.Default.Pod);

        private DnsEndpoint DnsEndpoint(string name) => Parse(
            $$$"""{"apiVersion":"externaldns.k8s.io/v1alpha1","kind":"DNSEndpoint","metadata":{"name":"{{{name}}}","namespace":"ns","generation":1},"spec":{"endpoints":[{"dnsName":"{{{Host(name)}}}","recordType":"A","targets":["{{{Ip("192.0.2.")}}}"]}]}}""",
            KubernetesJsonContext.Default.DnsEndpoint);

        private static T Parse<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) => JsonSerializer.Deserialize(json, type)!;
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using ExternalDns.Core.Endpoints;
using ExternalDns.Kubernetes.Models;
using ExternalDns.Kubernetes.Sources;

namespace ExternalDns.Kubernetes.Tests;

/// <summary>
/// Property test of the incremental source-level pass (<c>MergedNames</c>): Services, Ingresses and DNSEndpoints that
/// share a small pool of host names (so merges, CNAME handling, TTL splits, set identifiers, cross-source duplicates
/// and invalid targets happen), random add/update/delete events, and a snapshot whose object order is sometimes
/// shuffled (the merge keeps the first object's metadata, so order matters). After every event the long-lived mapper's
/// output equals a full, non-incremental mapping of the same snapshot — endpoints in order, warnings as a multiset,
/// unresolved resources, invalid and duplicate counts. The endpoints a pass handed out are read-only and are handed out
/// again for the names no change touched (<c>SourceResult.Endpoints</c>): the next pass must leave them as they were.
/// </summary>
public sealed class IncrementalMergeTests
{
    public static TheoryData<int, string> Cases => new()
    {
        { 11, "default" },
        { 12, "default" },
        { 13, "default" },
        { 14, "default-targets" },
        { 15, "force-default-targets" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Incremental_merge_equals_a_full_pass_after_random_events(int seed, string flags)
    {
        var options = flags switch
        {
            "default-targets" => new MappingOptions { DefaultTargets = ["192.0.2.250", "2001:db8::1"] },
            "force-default-targets" => new MappingOptions { DefaultTargets = ["192.0.2.251"], ForceDefaultTargets = true },
            _ => new MappingOptions(),
        };
        var settings = MappingSettings.Create(options);
        var incremental = new KubernetesMapper(settings);
        var world = new World(new Random(seed));
        var partial = 0;
        var handedOut = new HandedOutEndpoints(Render);
        for (var step = 0; step < 400; step++)
        {
            world.Step();
            var snapshot = world.Snapshot();
            var output = incremental.Map(Copy(snapshot));
            var expected = new KubernetesMapper(settings) { Incremental = false }.Map(Copy(snapshot));
            Assert.Equal(Render(expected), Render(output));
            if (step > 0 && incremental.LastRecomputedNames < World.HostCount)
            {
                partial++;
            }

            handedOut.Check(output);
        }

        // The incremental path ran (else the comparison proves nothing about it): most passes merged only some names.
        Assert.True(partial > 200, $"only {partial} passes recomputed part of the names");
        Assert.True(handedOut.Shared > 0, "no endpoint instance was handed out again");
    }

    private static KubernetesObjectSet Copy(KubernetesObjectSet s)
    {
        var set = new KubernetesObjectSet();
        set.Services.AddRange(s.Services);
        set.Ingresses.AddRange(s.Ingresses);
        set.DnsEndpoints.AddRange(s.DnsEndpoints);
        return set;
    }

    private static string Render(MappingOutput output)
    {
        var sb = new StringBuilder();
        foreach (var e in output.Endpoints)
        {
            sb.Append(e).Append(" ttl=").Append(e.RecordTtl.ToString(CultureInfo.InvariantCulture)).Append(" set=").Append(e.SetIdentifier);
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

        foreach (var w in output.Warnings.Select(w => w.ToString()).Order(StringComparer.Ordinal))
        {
            sb.Append("warning ").Append(w).Append('\n');
        }

        foreach (var n in output.Notices.Select(w => w.ToString()).Order(StringComparer.Ordinal))
        {
            sb.Append("notice ").Append(n).Append('\n');
        }

        foreach (var u in output.UnresolvedResources.Order(StringComparer.Ordinal))
        {
            sb.Append("unresolved ").Append(u).Append('\n');
        }

        foreach (var ((type, source), count) in output.InvalidEndpoints.Counts)
        {
            sb.Append("invalid ").Append(type).Append(' ').Append(source).Append(' ').Append(count).Append('\n');
        }

        foreach (var ((type, source), count) in output.DeduplicatedEndpoints.Counts)
        {
            sb.Append("dedup ").Append(type).Append(' ').Append(source).Append(' ').Append(count).Append('\n');
        }

        return sb.ToString();
    }

    private sealed class World(Random random)
    {
        public const int HostCount = 5;

        private readonly Dictionary<string, KubeObject> _objects = new(StringComparer.Ordinal);
        private List<string> _order = [];

        public void Step()
        {
            var kind = random.Next(3);
            var key = kind switch
            {
                0 => "svc-" + random.Next(7),
                1 => "ing-" + random.Next(5),
                _ => "dnsep-" + random.Next(4),
            };
            if (random.Next(6) == 0)
            {
                _objects.Remove(key);
                _order.Remove(key);
            }
            else
            {
                _objects[key] = kind switch
                {
                    0 => Service(key),
                    1 => Ingress(key),
                    _ => DnsEndpoint(key),
                };
                if (!_order.Contains(key))
                {
                    _order.Insert(random.Next(_order.Count + 1), key);
                }
            }

            if (random.Next(10) == 0)
            {
                // The informer's list order changed (a relist): unchanged objects, new relative order.
                _order = [.. _order.OrderBy(_ => random.Next())];
            }
        }

        public KubernetesObjectSet Snapshot()
        {
            var set = new KubernetesObjectSet();
            foreach (var o in _order.Select(k => _objects[k]))
            {
                switch (o)
                {
                    case Service s: set.Services.Add(s); break;
                    case Ingress i: set.Ingresses.Add(i); break;
                    case DnsEndpoint d: set.DnsEndpoints.Add(d); break;
                }
            }

            return set;
        }

        private string Host() => random.Next(HostCount) switch
        {
            0 => "a.example.org",
            1 => "b.example.org",
            2 => "c.example.org",
            3 => "A.example.org",
            _ => "d.example.org",
        };

        private string Ip() => random.Next(8) switch
        {
            0 => "lb-" + random.Next(2).ToString(CultureInfo.InvariantCulture) + ".elb.example.com",
            1 => "2001:db8::" + random.Next(1, 3).ToString(CultureInfo.InvariantCulture),
            _ => "192.0.2." + random.Next(1, 4).ToString(CultureInfo.InvariantCulture),
        };

        private string Status()
        {
            var items = new List<string>();
            for (var n = random.Next(3); n > 0; n--)
            {
                var ip = Ip();
                items.Add(ip.Contains(".elb.", StringComparison.Ordinal) ? $$$"""{"hostname":"{{{ip}}}"}""" : $$$"""{"ip":"{{{ip}}}"}""");
            }

            return $$$"""{"loadBalancer":{"ingress":[{{{string.Join(',', items)}}}]}}""";
        }

        private string Annotations()
        {
            var a = new List<string> { $"\"external-dns.alpha.kubernetes.io/hostname\":\"{Host()}\"" };
            if (random.Next(3) == 0)
            {
                a.Add($"\"external-dns.alpha.kubernetes.io/ttl\":\"{random.Next(60, 62)}\"");
            }

            if (random.Next(5) == 0)
            {
                a.Add($"\"external-dns.alpha.kubernetes.io/set-identifier\":\"set-{random.Next(2)}\"");
            }

            if (random.Next(6) == 0)
            {
                a.Add($"\"external-dns.alpha.kubernetes.io/target\":\"{Ip()}\"");
            }

            return "{" + string.Join(',', a) + "}";
        }

        private Service Service(string name) => Parse(
            $$$"""{"metadata":{"name":"{{{name}}}","namespace":"ns","uid":"u-{{{name}}}","annotations":{{{Annotations()}}}},"spec":{"type":"LoadBalancer"},"status":{{{Status()}}}}""",
            KubernetesJsonContext.Default.Service);

        private Ingress Ingress(string name) => Parse(
            $$$"""{"metadata":{"name":"{{{name}}}","namespace":"ns","annotations":{{{(random.Next(2) == 0 ? Annotations() : "{}")}}}},"spec":{"rules":[{"host":"{{{Host()}}}"},{"host":"{{{Host()}}}"}]},"status":{{{Status()}}}}""",
            KubernetesJsonContext.Default.Ingress);

        private DnsEndpoint DnsEndpoint(string name)
        {
            var entries = new List<string>();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                var (type, target) = random.Next(5) switch
                {
                    0 => ("CNAME", "target-" + random.Next(2).ToString(CultureInfo.InvariantCulture) + ".example.com"),
                    1 => ("TXT", "text-" + random.Next(2).ToString(CultureInfo.InvariantCulture)),
                    2 => ("AAAA", "2001:db8::" + random.Next(1, 3).ToString(CultureInfo.InvariantCulture)),
                    3 => ("A", random.Next(3) == 0 ? "not-an-address" : "192.0.2.9"),
                    _ => ("A", "192.0.2." + random.Next(1, 4).ToString(CultureInfo.InvariantCulture)),
                };
                var ttl = random.Next(3) == 0 ? ",\"recordTTL\":300" : string.Empty;
                entries.Add($$$"""{"dnsName":"{{{Host()}}}","recordType":"{{{type}}}","targets":["{{{target}}}"]{{{ttl}}}}""");
            }

            return Parse(
                $$$"""{"apiVersion":"externaldns.k8s.io/v1alpha1","kind":"DNSEndpoint","metadata":{"name":"{{{name}}}","namespace":"ns","generation":1},"spec":{"endpoints":[{{{string.Join(',', entries)}}}]}}""",
                KubernetesJsonContext.Default.DnsEndpoint);
        }

        private static T Parse<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) => JsonSerializer.Deserialize(json, type)!;
    }
}

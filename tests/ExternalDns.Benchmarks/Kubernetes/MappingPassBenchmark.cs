using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ExternalDns.Kubernetes.Models;
using ExternalDns.Kubernetes.Sources;

namespace ExternalDns.Benchmarks.Kubernetes;

/// <summary>
/// <c>mapping N ROUNDS</c>: one mapping pass over N LoadBalancer Services + N Ingresses (the latency benchmark's
/// objects, lean), in-process: a fresh mapper (full re-map, the baseline) against a long-lived mapper after one Service
/// changed (incremental), interleaved round by round. Prints medians and the memo's reused/computed counts.
/// </summary>
internal static class MappingPassBenchmark
{
    public static void Run(int n, int rounds, TextWriter output)
    {
        var services = Enumerable.Range(0, n).Select(i => Parse(ClusterObjects.Service(i, ObjectShape.Lean).ToJsonString(), KubernetesJsonContext.Default.Service)).ToList();
        var ingresses = Enumerable.Range(0, n).Select(i => Parse(ClusterObjects.Ingress(i, ObjectShape.Lean).ToJsonString(), KubernetesJsonContext.Default.Ingress)).ToList();
        var settings = MappingSettings.Create(new MappingOptions { Sources = ["service", "ingress"] });
        var incremental = new KubernetesMapper(settings);
        _ = incremental.Map(Set(services, ingresses));
        var full = new List<double>();
        var inc = new List<double>();
        for (var round = -2; round < rounds; round++)
        {
            // One Service changes (a new instance, as the informer stores it).
            var changed = round & 0xffff;
            var json = ClusterObjects.Service(changed % n, ObjectShape.Lean);
            json["status"]!["loadBalancer"]!["ingress"]![0]!["ip"] = ClusterObjects.ChangeIp(round + 3);
            services[changed % n] = Parse(json.ToJsonString(), KubernetesJsonContext.Default.Service);

            var sw = Stopwatch.StartNew();
            var a = new KubernetesMapper(settings).Map(Set(services, ingresses));
            var fullTime = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            var b = incremental.Map(Set(services, ingresses));
            var incTime = sw.Elapsed.TotalMilliseconds;
            if (a.Endpoints.Count != b.Endpoints.Count || a.Endpoints.Count != 2 * n)
            {
                throw new InvalidOperationException($"expected {2 * n} endpoints, full {a.Endpoints.Count}, incremental {b.Endpoints.Count}");
            }

            if (round >= 0)
            {
                full.Add(fullTime);
                inc.Add(incTime);
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"full {fullTime:F1} ms; incremental {incTime:F1} ms (reused {incremental.LastReusedMappings}, computed {incremental.LastComputedMappings})"));
        }

        // Where an incremental pass goes: the source-level steps over all endpoints, timed alone on copies.
        var all = incremental.Map(Set(services, ingresses)).Endpoints;
        var svcEndpoints = all.Where(e => e.Labels.Resource?.StartsWith("service/", StringComparison.Ordinal) == true).ToList();
        var ingEndpoints = all.Where(e => e.Labels.Resource?.StartsWith("ingress/", StringComparison.Ordinal) == true).ToList();
        for (var round = 0; round < 3; round++)
        {
            var sw = Stopwatch.StartNew();
            var svcCopy = svcEndpoints.Select(e => e.Clone()).ToList();
            var ingCopy = ingEndpoints.Select(e => e.Clone()).ToList();
            var clone = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            var merged = EndpointMerger.MergeEndpoints(EndpointMerger.MergeServiceEndpoints(svcCopy));
            var mergeServices = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            var mergedIngresses = EndpointMerger.MergeEndpoints(ingCopy);
            var mergeIngresses = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            var sorted = merged.Concat(mergedIngresses).ToList();
            sorted.Sort(KubernetesMapper.EndpointOrder);
            var sort = sw.Elapsed.TotalMilliseconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"steps over {all.Count} endpoints: clone {clone:F1} ms; service merge {mergeServices:F1} ms; ingress merge {mergeIngresses:F1} ms; final sort {sort:F1} ms"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"N={n}+{n} rounds={rounds}: full re-map median {Median(full):F1} ms (min {full.Min():F1}); incremental median {Median(inc):F1} ms (min {inc.Min():F1}); ratio of medians {Median(inc) / Median(full):F2}"));
    }

    private static KubernetesObjectSet Set(List<Service> services, List<Ingress> ingresses)
    {
        var set = new KubernetesObjectSet();
        set.Services.AddRange(services);
        set.Ingresses.AddRange(ingresses);
        return set;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static T Parse<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) => JsonSerializer.Deserialize(json, type)!;
}

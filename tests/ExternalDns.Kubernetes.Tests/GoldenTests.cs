using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExternalDns.Core.Endpoints;
using ExternalDns.Kubernetes.Manifests;
using ExternalDns.Kubernetes.Sources;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Kubernetes.Tests;

/// <summary>
/// Golden files: <c>testdata/&lt;case&gt;/input.yaml</c> (or an <c>input/</c> directory) and optional
/// <c>options.json</c> (MappingOptions properties) → <c>expected.json</c>: the endpoints in upstream's JSON shape,
/// sorted, plus warnings, unresolved resources and completeness (and notices and unresolved kinds when there are any).
/// Cases ported from upstream's table tests name the upstream test and case in the comment at the top of input.yaml. <c>UPDATE_GOLDEN=1</c> rewrites the expected files.
/// </summary>
public sealed class GoldenTests
{
    private static readonly JsonSerializerOptions OptionsJson = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(TestDataDir()).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    [Fact]
    public void There_are_at_least_25_golden_cases() => Assert.True(Cases().Count >= 25, $"only {Cases().Count} cases");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Golden(string name)
    {
        var dir = Path.Combine(TestDataDir(), name);
        var options = File.Exists(Path.Combine(dir, "options.json"))
            ? JsonSerializer.Deserialize<MappingOptions>(await File.ReadAllTextAsync(Path.Combine(dir, "options.json")), OptionsJson)!
            : new MappingOptions();
        var input = Directory.Exists(Path.Combine(dir, "input")) ? Path.Combine(dir, "input") : Path.Combine(dir, "input.yaml");
        var source = new ManifestSource(new ManifestSourceOptions { Paths = [input] }, options, NullLogger<ManifestSource>.Instance);

        var collection = await source.CollectAsync(CancellationToken.None);
        var actual = Render(collection, dir + Path.DirectorySeparatorChar);

        // Cases ported from upstream's table tests also hold upstream's own expectation: the endpoints must match it.
        var upstreamPath = Path.Combine(dir, "upstream.json");
        if (File.Exists(upstreamPath))
        {
            var upstream = JsonNode.Parse(await File.ReadAllTextAsync(upstreamPath))!.AsArray()
                .Select(e => $"{e!["dnsName"]} {e["recordType"]} {string.Join(',', e["targets"]!.AsArray().Select(t => (string)t!).Order(StringComparer.Ordinal))} ttl={e["ttl"]}")
                .Order(StringComparer.Ordinal).ToList();
            var ours = collection.Result.Endpoints
                .Select(e => $"{e.DnsName} {e.RecordType} {string.Join(',', e.Targets.Order(StringComparer.Ordinal))} ttl={e.RecordTtl}")
                .Order(StringComparer.Ordinal).ToList();
            Assert.True(upstream.SequenceEqual(ours), $"{name}: upstream expects\n  {string.Join("\n  ", upstream)}\nours\n  {string.Join("\n  ", ours)}");
        }

        var expectedPath = Path.Combine(dir, "expected.json");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            await File.WriteAllTextAsync(expectedPath, actual);
            return;
        }

        Assert.True(File.Exists(expectedPath), $"{expectedPath} is missing; run with UPDATE_GOLDEN=1 and check it by hand");
        var expected = await File.ReadAllTextAsync(expectedPath);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"{name}: expected\n{expected}\nactual\n{actual}");
    }

    internal static string Render(ManifestCollection collection, string stripPrefix)
    {
        var result = collection.Result;
        var endpoints = new JsonArray();
        foreach (var ep in result.Endpoints.OrderBy(e => e, Comparer<Endpoint>.Create(KubernetesMapper.EndpointOrder)))
        {
            var o = new JsonObject
            {
                ["dnsName"] = ep.DnsName,
                ["targets"] = new JsonArray([.. ep.Targets.Select(t => (JsonNode)JsonValue.Create(t))]),
                ["recordType"] = ep.RecordType,
            };
            if (ep.SetIdentifier.Length > 0)
            {
                o["setIdentifier"] = ep.SetIdentifier;
            }

            if (ep.RecordTtl > 0)
            {
                o["recordTTL"] = ep.RecordTtl;
            }

            var labels = new JsonObject();
            foreach (var (k, v) in ep.Labels.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                labels[k] = v;
            }

            o["labels"] = labels;
            if (ep.ProviderSpecific.Count > 0)
            {
                o["providerSpecific"] = new JsonArray([.. ep.ProviderSpecific.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["value"] = p.Value })]);
            }

            endpoints.Add(o);
        }

        var warnings = new JsonArray();
        foreach (var w in collection.FileWarnings)
        {
            warnings.Add(w.ToString().Replace(stripPrefix, string.Empty, StringComparison.Ordinal));
        }

        foreach (var w in collection.MappingWarnings)
        {
            warnings.Add(w.ToString());
        }

        var root = new JsonObject
        {
            ["endpoints"] = endpoints,
            ["warnings"] = warnings,
            ["unresolved"] = new JsonArray([.. result.UnresolvedResources.Order(StringComparer.Ordinal).Select(u => (JsonNode)JsonValue.Create(u))]),
            ["complete"] = result.IsComplete,
        };
        if (collection.Notices.Count > 0)
        {
            root["notices"] = new JsonArray([.. collection.Notices.Select(n => (JsonNode)JsonValue.Create(n.ToString()))]);
        }

        if (result.UnresolvedKinds.Count > 0)
        {
            root["unresolvedKinds"] = new JsonArray([.. result.UnresolvedKinds.Order(StringComparer.Ordinal).Select(u => (JsonNode)JsonValue.Create(u))]);
        }

        if (result.IncompleteReason is not null)
        {
            root["incompleteReason"] = result.IncompleteReason.Replace(stripPrefix, string.Empty, StringComparison.Ordinal);
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    // The source folder (so UPDATE_GOLDEN=1 rewrites the checked-in files); the copy in the output folder when the
    // build maps source paths away (ContinuousIntegrationBuild).
    private static string TestDataDir([CallerFilePath] string source = "")
    {
        var beside = Path.Combine(Path.GetDirectoryName(source) ?? string.Empty, "testdata");
        return Directory.Exists(beside) ? beside : Path.Combine(AppContext.BaseDirectory, "testdata");
    }
}

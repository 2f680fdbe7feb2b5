using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ExternalDns.Kubernetes.Manifests;
using ExternalDns.Kubernetes.Watching;

namespace ExternalDns.Kubernetes.Tests;

/// <summary>
/// deploy/kubernetes/rbac.yaml against the rules table (<see cref="SourceRbac"/>): the active ClusterRole grants what
/// the default sources need, and with its optional section uncommented it grants what every source needs.
/// </summary>
public sealed class RbacManifestTests
{
    private static readonly string[] ActiveSources = ["service", "ingress", "crd", "node", "pod"];

    [Fact]
    public void The_active_cluster_role_covers_the_default_sources_and_the_controller() =>
        AssertCovers(Rules(File.ReadAllText(RbacPath())), [.. SourceRbac.For(ActiveSources), SourceRbac.Controller[0]]);

    [Fact]
    public void Uncommenting_the_optional_section_covers_every_source()
    {
        // "  # - apiGroups: …" becomes "  - apiGroups: …"; prose comment lines stay comments.
        var lines = File.ReadAllLines(RbacPath()).Select(l => l.StartsWith("  # ", StringComparison.Ordinal) && IsYaml(l[4..]) ? "  " + l[4..] : l);
        AssertCovers(Rules(string.Join('\n', lines)), SourceRbac.For(SourceRbac.BySource.Keys));
    }

    [Fact]
    public void The_lease_rule_is_granted_in_the_leader_election_role()
    {
        var documents = YamlJson.ParseDocuments(File.ReadAllText(RbacPath()));
        var role = documents.OfType<JsonObject>().Single(d => (string?)d["kind"] == "Role");
        AssertCovers(RulesOf(role), [SourceRbac.Controller[1]]);
    }

    private static bool IsYaml(string s) => s.StartsWith("- apiGroups:", StringComparison.Ordinal) || s.StartsWith("  resources:", StringComparison.Ordinal) || s.StartsWith("  verbs:", StringComparison.Ordinal);

    private static List<(string Group, string Resource, string Verb)> Rules(string yaml) =>
        RulesOf(YamlJson.ParseDocuments(yaml).OfType<JsonObject>().Single(d => (string?)d["kind"] == "ClusterRole"));

    private static List<(string Group, string Resource, string Verb)> RulesOf(JsonObject role) =>
        [.. role["rules"]!.AsArray().OfType<JsonObject>().SelectMany(rule =>
            from g in rule["apiGroups"]!.AsArray()
            from r in rule["resources"]!.AsArray()
            from v in rule["verbs"]!.AsArray()
            select ((string?)g ?? string.Empty, (string)r!, (string)v!))];

    private static void AssertCovers(List<(string Group, string Resource, string Verb)> granted, IEnumerable<RbacRule> needed)
    {
        foreach (var rule in needed)
        {
            foreach (var verb in rule.Verbs)
            {
                Assert.True(granted.Contains((rule.ApiGroup, rule.Resource, verb)), $"rbac.yaml does not grant {verb} on {rule.Resource} in group \"{rule.ApiGroup}\"");
            }
        }
    }

    private static string RbacPath([CallerFilePath] string source = "")
    {
        var beside = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source) ?? string.Empty, "..", "..", "deploy", "kubernetes", "rbac.yaml"));
        return File.Exists(beside) ? beside : Path.Combine(AppContext.BaseDirectory, "deploy", "rbac.yaml");
    }
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ExternalDns.Cli.Tests.Deploy;
using ExternalDns.Core.Controller;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Hosting;
using ExternalDns.Kubernetes.Manifests;
using ExternalDns.Providers.Webhook;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Cli.Tests.Metrics;

/// <summary>
/// deploy/monitoring: every metric the Grafana dashboard and the Prometheus alert rules query is exposed by a running
/// process (the shared scrape), and every label they group by or match on is one of that metric's labels (or a label
/// Prometheus adds when scraping: namespace, job, pod, instance).
/// </summary>
public sealed partial class MonitoringTests(ScrapedProcess scrape) : IClassFixture<ScrapedProcess>
{
    private static readonly string[] TargetLabels = ["namespace", "job", "pod", "instance", "container", "le", "quantile"];

    [Fact]
    public void Every_alert_rule_queries_metrics_and_labels_that_exist()
    {
        var rules = YamlJson.ParseDocuments(File.ReadAllText(Path.Combine(Kustomize.Deploy, "monitoring", "prometheus-rules.yaml"))).OfType<JsonObject>().Single();
        var alerts = rules["spec"]!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).OfType<JsonObject>().ToList();

        Assert.Contains(alerts, a => (string?)a["alert"] == "ExternalDnsNoSuccessfulSync");
        Assert.Contains(alerts, a => (string?)a["alert"] == "ExternalDnsSoftErrorsRising");
        Assert.Contains(alerts, a => (string?)a["alert"] == "ExternalDnsWithheldDeletes");
        foreach (var alert in alerts)
        {
            Assert.NotNull(alert["labels"]?["severity"]);
            Check((string)alert["alert"]!, (string)alert["expr"]!);
        }
    }

    [Fact]
    public void Every_dashboard_panel_queries_metrics_and_labels_that_exist()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(Path.Combine(Kustomize.Deploy, "monitoring", "grafana-dashboard.json")))!.AsObject();
        var targets = dashboard["panels"]!.AsArray().OfType<JsonObject>()
            .SelectMany(p => (p["targets"] as JsonArray ?? []).OfType<JsonObject>().Select(t => ((string)p["title"]!, (string)t["expr"]!)))
            .ToList();

        Assert.True(targets.Count >= 20, $"the dashboard has only {targets.Count} queries");
        foreach (var (title, expr) in targets)
        {
            Check(title, expr);
        }

        // The variables query a metric that exists too.
        foreach (var variable in dashboard["templating"]!["list"]!.AsArray().OfType<JsonObject>().Where(v => (string?)v["type"] == "query"))
        {
            Check($"variable {variable["name"]}", (string)variable["query"]!);
        }
    }

    private void Check(string where, string expr)
    {
        var registry = Registry();
        var used = MetricName().Matches(expr).Select(m => m.Value).Distinct().ToList();
        Assert.True(used.Count > 0, $"{where}: queries no ExternalDns metric: {expr}");
        var families = new List<MetricFamily>();
        foreach (var name in used)
        {
            var family = FamilyOf(name);
            Assert.True(scrape.Page.Families.ContainsKey(family), $"{where}: {name} is not exposed by a running external-dns");
            families.Add(registry.Find(family) ?? throw new InvalidOperationException($"{family} is exposed but not registered in-process"));
        }

        var labels = families.SelectMany(f => f.LabelNames.Concat(f.ConstLabels.Keys)).Concat(TargetLabels).ToHashSet(StringComparer.Ordinal);
        foreach (Match group in Grouping().Matches(expr))
        {
            foreach (var label in group.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                Assert.True(labels.Contains(label), $"{where}: groups by '{label}', which none of {string.Join(", ", used)} has");
            }
        }

        foreach (Match selector in Selector().Matches(expr))
        {
            var family = registry.Find(FamilyOf(selector.Groups[1].Value))!;
            foreach (Match matcher in Matcher().Matches(selector.Groups[2].Value))
            {
                var label = matcher.Groups[1].Value;
                Assert.True(family.LabelNames.Contains(label) || family.ConstLabels.ContainsKey(label) || TargetLabels.Contains(label), $"{where}: matches on '{label}', which {family.Name} does not have");
            }
        }
    }

    /// <summary>The family a sample name belongs to: <c>_bucket</c>/<c>_sum</c>/<c>_count</c> of a histogram or summary.</summary>
    private string FamilyOf(string name)
    {
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && scrape.Page.Families.TryGetValue(name[..^suffix.Length], out var f) && f.Type is "histogram" or "summary")
            {
                return f.Name;
            }
        }

        return name;
    }

    /// <summary>The metrics the process registers, composed as the executable composes them (for label names).</summary>
    private static MetricRegistry Registry()
    {
        var registry = new MetricRegistry();
        _ = new ControllerMetrics(registry);
        _ = new ProviderCacheMetrics(registry);
        _ = new ProviderHttpFactory(registry, TimeProvider.System, NullLoggerFactory.Instance);
        _ = new WebhookMetrics(registry);
        BuildInfo.Register(registry);
        return registry;
    }

    [GeneratedRegex(@"\bexternal_dns_[a-z0-9_]+")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"\b(?:by|without)\s*\(([^)]*)\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\b(external_dns_[a-z0-9_]+)\{([^}]*)\}")]
    private static partial Regex Selector();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)")]
    private static partial Regex Matcher();
}

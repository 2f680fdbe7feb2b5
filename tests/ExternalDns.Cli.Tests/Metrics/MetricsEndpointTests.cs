using System.Globalization;

namespace ExternalDns.Cli.Tests.Metrics;

/// <summary>
/// Black-box: the built <c>external-dns</c> runs its loop, and its <c>/metrics</c> is scraped over HTTP. Every metric
/// upstream ExternalDNS documents (docs/monitoring/metrics.md at the reference commit) is present with upstream's type
/// and label names, ExternalDns's own are present, and the whole page obeys the text exposition format.
/// </summary>
public sealed class MetricsEndpointTests(ScrapedProcess scrape) : IClassFixture<ScrapedProcess>
{
    /// <summary>Upstream's metrics: name, type, label names (sorted; the constant <c>handler</c> label included).</summary>
    public static readonly (string Name, string Type, string[] Labels)[] Upstream =
    [
        ("external_dns_build_info", "gauge", ["arch", "go_version", "os", "revision", "version"]),
        ("external_dns_controller_consecutive_soft_errors", "gauge", []),
        ("external_dns_controller_last_reconcile_timestamp_seconds", "gauge", []),
        ("external_dns_controller_last_sync_timestamp_seconds", "gauge", []),
        ("external_dns_controller_no_op_runs_total", "counter", []),
        ("external_dns_controller_verified_records", "gauge", ["record_type"]),
        ("external_dns_http_request_duration_seconds", "summary", ["handler", "host", "method", "path", "scheme", "status"]),
        ("external_dns_provider_cache_apply_changes_calls", "counter", []),
        ("external_dns_provider_cache_records_calls", "counter", ["from_cache"]),
        ("external_dns_registry_endpoints_total", "gauge", []),
        ("external_dns_registry_errors_total", "counter", []),
        ("external_dns_registry_records", "gauge", ["record_type"]),
        ("external_dns_registry_skipped_records_owner_mismatch_per_sync", "gauge", ["domain", "foreign_owner", "owner", "record_type"]),
        ("external_dns_source_deduplicated_endpoints", "gauge", ["record_type", "source_type"]),
        ("external_dns_source_endpoints_total", "gauge", []),
        ("external_dns_source_errors_total", "counter", []),
        ("external_dns_source_invalid_endpoints", "gauge", ["record_type", "source_type"]),
        ("external_dns_source_records", "gauge", ["record_type"]),
        ("external_dns_webhook_provider_adjustendpoints_errors_total", "gauge", []),
        ("external_dns_webhook_provider_adjustendpoints_requests_total", "gauge", []),
        ("external_dns_webhook_provider_applychanges_errors_total", "gauge", []),
        ("external_dns_webhook_provider_applychanges_requests_total", "gauge", []),
        ("external_dns_webhook_provider_records_errors_total", "gauge", []),
        ("external_dns_webhook_provider_records_requests_total", "gauge", []),
    ];

    /// <summary>ExternalDns's own metrics documented in README "Metrics and alerts".</summary>
    public static readonly (string Name, string Type)[] Own =
    [
        ("external_dns_controller_reconcile_duration_seconds", "histogram"),
        ("external_dns_controller_event_to_write_seconds", "histogram"),
        ("external_dns_controller_planned_changes_total", "counter"),
        ("external_dns_controller_leader", "gauge"),
        ("external_dns_controller_withheld_changes_total", "counter"),
        ("external_dns_controller_failed_runs_total", "counter"),
        ("external_dns_controller_skipped_runs_total", "counter"),
        ("external_dns_provider_api_calls_total", "counter"),
    ];

    internal const string Manifests = """
        apiVersion: externaldns.k8s.io/v1alpha1
        kind: DNSEndpoint
        metadata:
          name: records
          namespace: shop
        spec:
          endpoints:
            - dnsName: www.example.org
              recordType: A
              targets: [192.0.2.10]
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          namespace: shop
        spec:
          rules:
            - host: www.example.org
        status:
          loadBalancer:
            ingress:
              - ip: 192.0.2.10
        ---
        apiVersion: externaldns.k8s.io/v1alpha1
        kind: DNSEndpoint
        metadata:
          name: broken
          namespace: shop
        spec:
          endpoints:
            - dnsName: bad.example.org
              recordType: A
              targets: [not-an-address]
        """;

    [Fact]
    public void A_running_process_exposes_every_upstream_metric_in_valid_text_format()
    {
        var page = scrape.Page;
        var text = scrape.Text;

        foreach (var (name, type, labels) in Upstream)
        {
            Assert.True(page.Families.TryGetValue(name, out var family), $"{name} is missing from /metrics");
            Assert.True(type == family.Type, $"{name} is a {family.Type}, upstream's is a {type}");
            foreach (var sample in family.Samples)
            {
                var names = sample.Labels.Select(l => l.Key).Where(k => k is not ("le" or "quantile")).Order(StringComparer.Ordinal);
                Assert.True(names.SequenceEqual(labels), $"{sample.Name} has labels ({string.Join(", ", names)}); upstream's are ({string.Join(", ", labels)})");
            }
        }

        foreach (var (name, type) in Own)
        {
            Assert.True(page.Families.TryGetValue(name, out var family), $"{name} is missing from /metrics");
            Assert.Equal(type, family.Type);
        }

        // The values of this run: build info, the Ingress's record repeated by a DNSEndpoint (a duplicate), an invalid DNSEndpoint, the cache
        // read once from the provider, one record planned, a reconcile observed in the duration histogram.
        var build = Assert.Single(page.Families["external_dns_build_info"].Samples);
        Assert.Equal(1, build.Value);
        Assert.Matches(@"^\d+\.\d+\.\d+", build.Label("version"));
        Assert.StartsWith(".NET ", build.Label("go_version"), StringComparison.Ordinal);
        Assert.Equal("linux", build.Label("os"));
        Assert.Equal(1, Value(page, "external_dns_source_deduplicated_endpoints", ("record_type", "A"), ("source_type", "crd")));
        Assert.Equal(1, Value(page, "external_dns_source_invalid_endpoints", ("record_type", "A"), ("source_type", "crd")));
        Assert.True(Value(page, "external_dns_provider_cache_records_calls", ("from_cache", "false")) >= 1);
        Assert.True(Value(page, "external_dns_controller_planned_changes_total", ("action", "create")) >= 1);
        Assert.Equal(1, Value(page, "external_dns_controller_leader"));
        var successes = page.Families["external_dns_controller_reconcile_duration_seconds"].Samples
            .Single(s => s.Name.EndsWith("_count", StringComparison.Ordinal) && s.Label("outcome") == "success");
        Assert.True(successes.Value >= 1);
        Assert.Contains("external_dns_controller_reconcile_duration_seconds_bucket{outcome=\"success\",le=\"+Inf\"} ", text, StringComparison.Ordinal);

        Assert.True(scrape.HealthzOk, "/healthz did not answer 200 beside /metrics");
    }

    [Theory]
    [InlineData("m 1\n", "sample without its family's HELP and TYPE")]
    [InlineData("# HELP m h\n# TYPE m gauge\nm{a=\"x\\t\"} 1\n", "invalid escape")]
    [InlineData("# HELP m h\n# TYPE m gauge\nm{a=\"x\"} 1\nm{a=\"x\"} 2\n", "repeats")]
    [InlineData("# HELP m h\n# TYPE m gauge\nm 1\n# HELP n h\n# TYPE n gauge\nn 1\n# HELP m h\n# TYPE m gauge\n", "appears twice")]
    [InlineData("# HELP h h\n# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"2\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 2\n", "not cumulative")]
    [InlineData("# HELP h h\n# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_sum 1\nh_count 2\n", "+Inf")]
    [InlineData("# HELP h h\n# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n", "differs from the +Inf bucket")]
    [InlineData("# HELP m h\n# TYPE m gauge\nm 1", "line feed")]
    public void The_format_checker_rejects_what_the_format_forbids(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<FormatException>(() => Exposition.Parse(text)).Message, StringComparison.Ordinal);

    private static double Value(Exposition page, string name, params (string Key, string Value)[] labels)
    {
        Assert.True(page.Families.TryGetValue(name, out var family), $"{name} is missing");
        var sample = family.Samples.SingleOrDefault(s => labels.All(l => s.Label(l.Key) == l.Value));
        Assert.True(sample is not null, $"{name} has no series {{{string.Join(",", labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}}; it has: {string.Join("; ", family.Samples.Select(s => string.Join(",", s.Labels.Select(l => $"{l.Key}={l.Value}")) + " " + s.Value.ToString(CultureInfo.InvariantCulture)))}");
        return sample.Value;
    }
}

using System.Text.RegularExpressions;
using ExternalDns.Testing.Webhook;

namespace ExternalDns.Cli.Tests;

/// <summary>
/// Black-box: the <c>external-dns</c> command with <c>--provider=webhook</c> against the in-process webhook provider
/// written from upstream's protocol document: what is particular to the webhook (the shared provider scenario,
/// <see cref="Scenarios.WebhookScenario"/>, covers the rest). Bodies are upstream's byte for byte, names outside the
/// webhook's domain filter are left alone, and a misbehaving webhook fails the run with one clear line.
/// </summary>
public sealed class WebhookEndToEndTests : IAsyncLifetime
{
    private const string Human = """{"dnsName":"human.example.org","targets":["192.0.2.99"],"recordType":"A","recordTTL":300}""";
    private const string Other = """{"dnsName":"other.example.org","targets":["192.0.2.98"],"recordType":"A"}""";
    private const string OtherTxt = """{"dnsName":"a-other.example.org","targets":["\"heritage=external-dns,external-dns/owner=other-cluster,external-dns/resource=service/x/other\""],"recordType":"TXT"}""";
    private const string Outside = """{"dnsName":"app.example.com","targets":["192.0.2.50"],"recordType":"A"}""";

    private WebhookTestServer _webhook = null!;

    private string Url => _webhook.Url.ToString().TrimEnd('/');

    public async Task InitializeAsync()
    {
        _webhook = await WebhookTestServer.StartAsync(new WebhookTestServerOptions { Include = ["example.org"] });
        _webhook.Seed(Human, Other, OtherTxt, Outside);
    }

    public async Task DisposeAsync() => await _webhook.DisposeAsync();

    [Fact]
    public async Task Records_reach_the_webhook_as_upstream_writes_them_with_webhook_properties_and_only_inside_its_domain_filter()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(
            ("app.yaml", Service("app", "app.example.org", "203.0.113.10", ("external-dns.kubernetes.io/webhook-weight", "10"))),
            ("www.yaml", Manifests.Ingress("www", "www.example.org", "lb.example.net")),
            ("steal.yaml", Manifests.LoadBalancerService("steal", "other.example.org", "203.0.113.66")),
            ("outside.yaml", Manifests.LoadBalancerService("outside", "new.example.com", "203.0.113.77")));

        var first = await ExternalDnsProcess.RunAsync(Args(dir));

        Assert.True(first.ExitCode == 0, first.Stderr);
        var records = _webhook.Records;
        Assert.Contains("""{"dnsName":"app.example.org","targets":["203.0.113.10"],"recordType":"A","labels":{"owner":"e2e","resource":"service/default/app"},"providerSpecific":[{"name":"webhook/weight","value":"10"}]}""", records);
        Assert.Contains("""{"dnsName":"a-app.example.org","targets":["\"heritage=external-dns,external-dns/owner=e2e,external-dns/resource=service/default/app\""],"recordType":"TXT","labels":{"ownedRecord":"app.example.org"},"providerSpecific":[{"name":"webhook/weight","value":"10"}]}""", records);
        Assert.Contains("""{"dnsName":"www.example.org","targets":["lb.example.net"],"recordType":"CNAME","labels":{"owner":"e2e","resource":"ingress/web/www"}}""", records);
        Assert.Contains("""{"dnsName":"cname-www.example.org","targets":["\"heritage=external-dns,external-dns/owner=e2e,external-dns/resource=ingress/web/www\""],"recordType":"TXT","labels":{"ownedRecord":"www.example.org"}}""", records);
        Assert.All(new[] { Human, Other, OtherTxt, Outside }, r => Assert.Contains(r, records));
        Assert.Equal(8, records.Count); // nothing for new.example.com: outside the webhook's domain filter
        Assert.Contains("other.example.org", first.Stdout, StringComparison.Ordinal); // reported as an owner conflict
        Assert.Equal(1, _webhook.Count("POST", "/records"));
        Assert.Equal(1, _webhook.Count("POST", "/adjustendpoints"));

        File.Delete(Path.Combine(dir, "www.yaml"));
        var second = await ExternalDnsProcess.RunAsync(Args(dir));

        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Equal(records.Where(r => !r.Contains("www.example.org", StringComparison.Ordinal)), _webhook.Records);
        Assert.Equal(
            """{"delete":[{"dnsName":"www.example.org","targets":["lb.example.net"],"recordType":"CNAME","labels":{"owner":"e2e","resource":"ingress/web/www"}},{"dnsName":"cname-www.example.org","targets":["\"heritage=external-dns,external-dns/owner=e2e,external-dns/resource=ingress/web/www\""],"recordType":"TXT","labels":{"ownedRecord":"www.example.org"}}]}""" + "\n",
            _webhook.Requests.Last(r => r.Method == "POST" && r.Path == "/records").BodyText);
    }

    [Fact]
    public async Task The_webhooks_adjusted_endpoints_are_what_is_planned()
    {
        await using var webhook = await WebhookTestServer.StartAsync(new WebhookTestServerOptions
        {
            Include = ["example.org"],
            Adjust = e =>
            {
                e["recordTTL"] = 600;
                return (string?)e["dnsName"] == "refused.example.org" ? null : e;
            },
        });
        var dir = ExternalDnsProcess.ManifestDirectory(
            ("app.yaml", Manifests.LoadBalancerService("app", "app.example.org", "203.0.113.10")),
            ("refused.yaml", Manifests.LoadBalancerService("refused", "refused.example.org", "203.0.113.11")));

        var first = await ExternalDnsProcess.RunAsync(Args(dir, webhook.Url.ToString()));
        var second = await ExternalDnsProcess.RunAsync(Args(dir, webhook.Url.ToString()));

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.True(second.ExitCode == 0, second.Stderr);
        var app = Assert.Single(webhook.RecordsNamed("app.example.org"));
        Assert.Equal(600, (int)app["recordTTL"]!);
        Assert.Empty(webhook.RecordsNamed("refused.example.org"));
        Assert.Equal(1, webhook.Count("POST", "/records")); // the adjusted TTL is stable: the second run writes nothing
    }

    [Fact]
    public async Task A_5xx_fails_the_run_naming_the_webhook_and_a_5xx_at_negotiation_is_retried_within_the_run()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("app.yaml", Manifests.LoadBalancerService("app", "app.example.org", "203.0.113.10")));
        _webhook.Inject(WebhookFault.Status("GET", "/records", 500, times: 1));

        var failed = await ExternalDnsProcess.RunAsync(Args(dir));

        Assert.Equal(1, failed.ExitCode);
        Assert.Equal($"external-dns: error: reconcile failed: webhook {Url}: GET /records answered 500 (Internal Server Error), expected 200", failed.Stderr.Trim());
        Assert.Equal(0, _webhook.Count("POST", "/records"));

        _webhook.Inject(WebhookFault.Status("GET", "/", 503, times: 1)); // negotiation is retried within the run
        var recovered = await ExternalDnsProcess.RunAsync(Args(dir));

        Assert.True(recovered.ExitCode == 0, recovered.Stderr);
        Assert.Single(_webhook.RecordsNamed("app.example.org"));
        Assert.Contains("negotiation attempt 1 of 5 failed (answered 503 (Service Unavailable))", recovered.Stderr, StringComparison.Ordinal);
    }

    public static TheoryData<string, string[], string> Misbehaviours => new()
    {
        { "wrong-media-type", [], "GET / (negotiation) answered Content-Type \"application/json\", not \"application/external.dns.webhook+json;version=1\"" },
        { "negotiation-404", [], "GET / (negotiation) answered 404 (Not Found)" },
        { "non-json", [], "GET /records: the answer is not a valid endpoint list: " },
        { "records-404", [], "GET /records answered 404 (Not Found), expected 200" },
        { "hang", ["--webhook-provider-read-timeout=1s", "--webhook-provider-write-timeout=1s"], "GET /records: no complete answer within 2s (--webhook-provider-read-timeout plus --webhook-provider-write-timeout)" },
        { "oversized", ["--webhook-provider-max-body-size=65536"], "GET /records: the body is larger than 65536 bytes (--webhook-provider-max-body-size)" },
    };

    [Theory]
    [MemberData(nameof(Misbehaviours))]
    public async Task A_misbehaving_webhook_fails_with_one_clear_line_and_nothing_changes(string misbehaviour, string[] flags, string reason)
    {
        _webhook.Inject(misbehaviour switch
        {
            "wrong-media-type" => WebhookFault.WrongMediaType("application/json"),
            "negotiation-404" => WebhookFault.Status("GET", "/", 404),
            "non-json" => WebhookFault.NonJson("GET", "/records"),
            "records-404" => WebhookFault.Status("GET", "/records", 404),
            "hang" => WebhookFault.Hang("GET", "/records"),
            "oversized" => WebhookFault.Oversized("GET", "/records", 8L << 20),
            _ => throw new ArgumentOutOfRangeException(nameof(misbehaviour)),
        });
        var dir = ExternalDnsProcess.ManifestDirectory(("app.yaml", Manifests.LoadBalancerService("app", "app.example.org", "203.0.113.10")));
        var before = _webhook.Records;

        var run = await ExternalDnsProcess.RunAsync([.. Args(dir), .. flags]);

        Assert.Equal(1, run.ExitCode);
        // One error line; on a loaded machine a negotiation retry may add a warning line before it, never another error.
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines, l => l.StartsWith("external-dns: error:", StringComparison.Ordinal) || l.Contains("level=error", StringComparison.Ordinal));
        Assert.All(lines.Where(l => l != line), l => Assert.Contains("level=warning msg=\"Webhook ", l, StringComparison.Ordinal));
        Assert.StartsWith($"external-dns: error: reconcile failed: webhook {Url}: ", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
        Assert.Equal(0, _webhook.Count("POST", "/records"));
        Assert.Equal(before, _webhook.Records);
    }

    [Fact]
    public async Task Debug_logs_show_each_request_as_method_path_and_status()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("app.yaml", Manifests.LoadBalancerService("app", "app.example.org", "203.0.113.10")));

        var run = await ExternalDnsProcess.RunAsync([.. Args(dir), "--log-level=debug"]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var requestLines = run.Stderr.Split('\n').Where(l => l.Contains("msg=\"webhook ", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["Negotiate: GET / answered 200", "Records: GET /records answered 200", "AdjustEndpoints: POST /adjustendpoints answered 200", "ApplyChanges: POST /records answered 204"],
            requestLines.Select(l => Regex.Match(l, "msg=\"webhook ([A-Za-z]+: [A-Z]+ /[a-z]* answered [0-9]+) in [0-9:.]+\"$").Groups[1].Value));
        Assert.DoesNotContain(run.Stderr.Split('\n'), l => l.Contains("heritage", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--webhook-provider-url=localhost:8888", "--webhook-provider-url=")]
    [InlineData("--webhook-provider-url=http://user:hunter2@", "not an http(s) URL")]
    [InlineData("--webhook-provider-max-body-size=32MiB", "--webhook-provider-max-body-size=\"32MiB\": not a number of bytes")]
    public async Task Bad_webhook_flags_are_refused_naming_the_flag_and_no_secret(string flag, string message)
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("app.yaml", Manifests.LoadBalancerService("app", "app.example.org", "203.0.113.10")));

        var run = await ExternalDnsProcess.RunAsync([.. Args(dir), flag]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(_webhook.Requests);
    }

    private string[] Args(string dir, string? url = null) =>
    [
        "--source=manifest", $"--manifest-path={dir}", "--provider=webhook", $"--webhook-provider-url={url ?? Url}",
        "--registry=txt", "--txt-owner-id=e2e", "--policy=sync", "--once", "--log-level=warning",
    ];

    private static string Service(string name, string hostname, string ip, params (string Key, string Value)[] annotations)
    {
        var extra = string.Concat(annotations.Select(a => $"\n    {a.Key}: \"{a.Value}\""));
        return $"""
            apiVersion: v1
            kind: Service
            metadata:
              name: {name}
              namespace: default
              annotations:
                external-dns.kubernetes.io/hostname: {hostname}{extra}
            spec:
              type: LoadBalancer
            status:
              loadBalancer:
                ingress:
                - ip: {ip}
            """;
    }
}

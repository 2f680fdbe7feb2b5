using ExternalDns.Testing.Servers;

namespace ExternalDns.Cli.Tests;

/// <summary>
/// Black-box: the <c>external-dns</c> command against a real BIND 9, checked with <c>dig</c> AXFR. Records made by hand
/// (nsupdate) or by another owner must survive every run.
/// </summary>
public class Rfc2136EndToEndTests(BindServer bind) : IClassFixture<BindServer>
{
    private string[] Args(string dir, string owner, params string[] extra) =>
    [
        "--source=manifest", $"--manifest-path={dir}",
        "--provider=rfc2136", "--rfc2136-host=127.0.0.1", $"--rfc2136-port={bind.Port}", "--rfc2136-zone=example.org",
        $"--rfc2136-tsig-keyname={BindServer.KeyName}", "--rfc2136-tsig-secret-alg=hmac-sha256", "--rfc2136-axfr",
        "--registry=txt", $"--txt-owner-id={owner}", "--policy=sync", "--once", "--log-level=warning", .. extra,
    ];

    // The secret goes through the environment, as a user would pass it from a Kubernetes Secret.
    private static Dictionary<string, string> Env => new() { ["EXTERNAL_DNS_RFC2136_TSIG_SECRET"] = BindServer.KeySecret };

    private HashSet<string> Zone() =>
        [.. bind.DigAxfr("example.org").Select(l => l.Split(' ')).Where(p => p[3] != "SOA").Select(p => $"{p[0]} {p[3]} {string.Join(' ', p[4..])}")];

    private string Serial() => bind.DigAxfr("example.org").First(l => l.Contains(" SOA ", StringComparison.Ordinal)).Split(' ')[6];

    [Fact]
    public async Task Creates_records_with_upstream_ownership_then_changes_nothing_then_deletes_only_its_own()
    {
        bind.Nsupdate("example.org",
            "update add human.example.org 300 A 192.0.2.99",
            "update add other.example.org 300 A 192.0.2.98",
            "update add a-other.example.org 300 TXT \"heritage=external-dns,external-dns/owner=other-cluster,external-dns/resource=service/x/other\"");
        var dir = ExternalDnsProcess.ManifestDirectory(
            ("app.yaml", Manifests.LoadBalancerService("app", "app.example.org", "203.0.113.10")),
            ("www.yaml", Manifests.Ingress("www", "www.example.org", "lb.example.net")),
            ("dual.yaml", Manifests.DualStackService("dual", "dual.example.org", "203.0.113.20", "2001:db8::20")),
            ("steal.yaml", Manifests.LoadBalancerService("steal", "other.example.org", "203.0.113.66")));

        var first = await ExternalDnsProcess.RunAsync(Args(dir, "e2e"), Env);
        Assert.True(first.ExitCode == 0, first.Stderr);
        var zone = Zone();
        string[] expected =
        [
            "app.example.org. A 203.0.113.10",
            "a-app.example.org. TXT \"heritage=external-dns,external-dns/owner=e2e,external-dns/resource=service/default/app\"",
            "www.example.org. CNAME lb.example.net.",
            "cname-www.example.org. TXT \"heritage=external-dns,external-dns/owner=e2e,external-dns/resource=ingress/web/www\"",
            "dual.example.org. A 203.0.113.20",
            "dual.example.org. AAAA 2001:db8::20",
            "a-dual.example.org. TXT \"heritage=external-dns,external-dns/owner=e2e,external-dns/resource=service/default/dual\"",
            "aaaa-dual.example.org. TXT \"heritage=external-dns,external-dns/owner=e2e,external-dns/resource=service/default/dual\"",
            "human.example.org. A 192.0.2.99",
            "other.example.org. A 192.0.2.98",
        ];
        Assert.All(expected, e => Assert.Contains(e, zone));
        Assert.Contains(bind.DigAxfr("example.org"), l => l.StartsWith("dual.example.org. 120 IN A", StringComparison.Ordinal));
        Assert.Contains("other.example.org", first.Stdout, StringComparison.Ordinal); // reported as an owner conflict

        var serial = Serial();
        var second = await ExternalDnsProcess.RunAsync([.. Args(dir, "e2e"), "--plan-format=json"], Env);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains("\"create\": 0", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"update\": 0", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"delete\": 0", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(serial, Serial());
        Assert.Equal(zone, Zone());

        File.Delete(Path.Combine(dir, "www.yaml"));
        var third = await ExternalDnsProcess.RunAsync(Args(dir, "e2e"), Env);
        Assert.True(third.ExitCode == 0, third.Stderr);
        var after = Zone();
        Assert.DoesNotContain("www.example.org. CNAME lb.example.net.", after);
        Assert.DoesNotContain(after, l => l.StartsWith("cname-www.example.org.", StringComparison.Ordinal));
        Assert.Equal(zone.Where(l => !l.Contains("www.example.org", StringComparison.Ordinal)).ToHashSet(), after);
    }

    [Fact]
    public async Task Dry_run_prints_the_plan_and_writes_nothing()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("dry.yaml", Manifests.LoadBalancerService("dry", "dry.example.org", "203.0.113.30")));
        var serial = Serial();

        var run = await ExternalDnsProcess.RunAsync([.. Args(dir, "dry"), "--dry-run"], Env);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Matches(@"create\s+dry\.example\.org\s+A\s+203\.0\.113\.30", run.Stdout);
        Assert.Contains("(dry run: nothing applied)", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(serial, Serial());
        Assert.DoesNotContain(Zone(), l => l.StartsWith("dry.example.org", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wrong_tsig_secret_fails_with_a_clear_error_and_no_secret()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("bad.yaml", Manifests.LoadBalancerService("bad", "bad.example.org", "203.0.113.40")));
        const string wrong = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

        var run = await ExternalDnsProcess.RunAsync(Args(dir, "bad"), new Dictionary<string, string> { ["EXTERNAL_DNS_RFC2136_TSIG_SECRET"] = wrong });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("example.org", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(BindServer.KeyName, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, run.Stderr + run.Stdout, StringComparison.Ordinal);
    }
}

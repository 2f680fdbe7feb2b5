using ExternalDns.Testing.Servers;

namespace ExternalDns.Cli.Tests;

/// <summary>
/// Black-box: the <c>external-dns</c> command against a real BIND 9, checked with <c>dig</c> AXFR: what is particular to
/// RFC 2136 (the shared provider scenario, <see cref="Scenarios.Rfc2136Scenario"/>, covers the rest).
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


    [Fact]
    public async Task Dual_stack_services_get_a_and_aaaa_with_typed_ownership_records_and_the_default_ttl()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("dual.yaml", Manifests.DualStackService("dual", "dual.example.org", "203.0.113.20", "2001:db8::20")));

        var run = await ExternalDnsProcess.RunAsync(Args(dir, "e2e"), Env);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var zone = Zone();
        Assert.Contains("dual.example.org. A 203.0.113.20", zone);
        Assert.Contains("dual.example.org. AAAA 2001:db8::20", zone);
        Assert.Contains("a-dual.example.org. TXT \"heritage=external-dns,external-dns/owner=e2e,external-dns/resource=service/default/dual\"", zone);
        Assert.Contains("aaaa-dual.example.org. TXT \"heritage=external-dns,external-dns/owner=e2e,external-dns/resource=service/default/dual\"", zone);
        Assert.Contains(bind.DigAxfr("example.org"), l => l.StartsWith("dual.example.org. 120 IN A", StringComparison.Ordinal));
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

    [Fact]
    public async Task Repeated_hosts_fail_over_from_a_dead_first_host_in_order()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("fo.yaml", Manifests.LoadBalancerService("fo", "failover.example.org", "203.0.113.50")));
        string[] args = [.. Args(dir, "failover").Where(a => !a.StartsWith("--rfc2136-host=", StringComparison.Ordinal)), "--rfc2136-host=127.0.0.2", "--rfc2136-host=127.0.0.1"];

        var run = await ExternalDnsProcess.RunAsync(args, Env);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("failover.example.org. A 203.0.113.50", Zone());
        Assert.Contains($"127.0.0.2:{bind.Port}", run.Stdout + run.Stderr, StringComparison.Ordinal); // the failed host is named in a warning
    }

    [Fact]
    public async Task Hosts_come_one_per_line_from_the_environment_with_round_robin()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("rr.yaml", Manifests.LoadBalancerService("rr", "roundrobin.example.org", "203.0.113.51")));
        string[] args = [.. Args(dir, "roundrobin").Where(a => !a.StartsWith("--rfc2136-host=", StringComparison.Ordinal)), "--rfc2136-load-balancing-strategy=round-robin"];
        var env = new Dictionary<string, string>(Env) { ["EXTERNAL_DNS_RFC2136_HOST"] = "127.0.0.2\n127.0.0.1" };

        var run = await ExternalDnsProcess.RunAsync(args, env);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("roundrobin.example.org. A 203.0.113.51", Zone());
    }

    [Fact]
    public async Task An_unknown_load_balancing_strategy_is_a_usage_error()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("x.yaml", Manifests.LoadBalancerService("x", "x.example.org", "203.0.113.52")));

        var run = await ExternalDnsProcess.RunAsync([.. Args(dir, "x"), "--rfc2136-load-balancing-strategy=fastest"], Env);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--rfc2136-load-balancing-strategy", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("round-robin", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gss_tsig_without_the_kerberos_flags_is_a_usage_error_naming_them()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("g.yaml", Manifests.LoadBalancerService("g", "g.example.org", "203.0.113.53")));

        var run = await ExternalDnsProcess.RunAsync([.. Args(dir, "g"), "--rfc2136-gss-tsig", "--rfc2136-kerberos-username=someone"], Env);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--rfc2136-kerberos-password", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--rfc2136-kerberos-realm", run.Stderr, StringComparison.Ordinal);
    }
}

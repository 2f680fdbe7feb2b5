using ExternalDns.Testing.Servers;

namespace ExternalDns.Cli.Tests;

/// <summary>
/// Black-box: <c>external-dns --rfc2136-use-tls</c> against BIND 9.18 serving DNS over TLS on loopback with a
/// certificate from a CA made in the test; the zone is read back with dig over plain TCP.
/// </summary>
public class Rfc2136TlsEndToEndTests(BindTlsServer tls) : IClassFixture<BindTlsServer>
{
    private static Dictionary<string, string> Env => new() { ["EXTERNAL_DNS_RFC2136_TSIG_SECRET"] = BindServer.KeySecret };

    private string[] Args(string dir, string owner, params string[] extra) =>
    [
        "--source=manifest", $"--manifest-path={dir}",
        "--provider=rfc2136", "--rfc2136-host=127.0.0.1", $"--rfc2136-port={tls.Bind.TlsPort}", "--rfc2136-zone=example.org",
        $"--rfc2136-tsig-keyname={BindServer.KeyName}", "--rfc2136-tsig-secret-alg=hmac-sha256", "--rfc2136-axfr", "--rfc2136-use-tls",
        "--registry=txt", $"--txt-owner-id={owner}", "--policy=sync", "--once", "--log-level=warning", .. extra,
    ];

    private bool Has(string line) => tls.Bind.DigAxfr("example.org").Any(l => l.StartsWith(line, StringComparison.Ordinal));

    [Fact]
    public async Task Syncs_over_tls_verified_with_tls_ca()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("t.yaml", Manifests.LoadBalancerService("t", "tls.example.org", "203.0.113.60")));

        var run = await ExternalDnsProcess.RunAsync(Args(dir, "tls", $"--tls-ca={tls.CaFile}"), Env);

        Assert.True(run.ExitCode == 0, run.Stderr);
        // No TTL annotation and --rfc2136-min-ttl=0s: TTL 0, as upstream writes it.
        Assert.True(Has("tls.example.org. 0 IN A 203.0.113.60"), string.Join('\n', tls.Bind.DigAxfr("example.org")));
        Assert.True(Has("a-tls.example.org."), "the ownership record is missing");

        var second = await ExternalDnsProcess.RunAsync(Args(dir, "tls", $"--tls-ca={tls.CaFile}"), Env);
        Assert.True(second.ExitCode == 0, second.Stderr);
    }

    [Fact]
    public async Task A_wrong_ca_exits_1_with_one_line_naming_tls_ca_and_the_host()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("w.yaml", Manifests.LoadBalancerService("w", "wrong-ca.example.org", "203.0.113.61")));

        var run = await ExternalDnsProcess.RunAsync(Args(dir, "wrongca", $"--tls-ca={tls.OtherCaFile}"), Env);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--tls-ca", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{tls.Bind.TlsPort}", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(BindServer.KeySecret, run.Stderr + run.Stdout, StringComparison.Ordinal);
        Assert.False(Has("wrong-ca.example.org."));
    }

    [Fact]
    public async Task Skip_tls_verify_syncs_despite_an_untrusted_certificate()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("s.yaml", Manifests.LoadBalancerService("s", "skip.example.org", "203.0.113.62")));

        var run = await ExternalDnsProcess.RunAsync(Args(dir, "skip", "--rfc2136-skip-tls-verify"), Env);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.True(Has("skip.example.org."), string.Join('\n', tls.Bind.DigAxfr("example.org")));
        Assert.Contains("--rfc2136-skip-tls-verify", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_ca_file_exits_1_naming_the_file()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("m.yaml", Manifests.LoadBalancerService("m", "m.example.org", "203.0.113.63")));
        var missing = Path.Combine(tls.Files, "missing-ca.pem");

        var run = await ExternalDnsProcess.RunAsync(Args(dir, "m", $"--tls-ca={missing}"), Env);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(missing, run.Stderr, StringComparison.Ordinal);
    }
}

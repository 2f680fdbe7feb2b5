using ExternalDns.Testing.Servers;

namespace ExternalDns.Cli.Tests;

/// <summary>
/// Black-box: the <c>external-dns</c> command against a real PowerDNS (HTTP API), checked with a <c>dig</c> AXFR of its
/// DNS port: what is particular to PowerDNS (the shared provider scenario, <see cref="Scenarios.PowerDnsScenario"/>,
/// covers the rest).
/// </summary>
public class PowerDnsEndToEndTests(PowerDnsServer pdns) : IClassFixture<PowerDnsServer>
{
    private string[] Args(string dir, string owner, params string[] extra) =>
    [
        "--source=manifest", $"--manifest-path={dir}", "--provider=pdns", $"--pdns-server={pdns.ApiUrl}",
        "--domain-filter=example.com", "--registry=txt", $"--txt-owner-id={owner}", "--policy=sync", "--once", "--log-level=warning", .. extra,
    ];

    [Fact]
    public async Task Wrong_api_key_fails_with_a_clear_error_and_no_key()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("x.yaml", Manifests.LoadBalancerService("x", "x.example.com", "203.0.113.1")));
        const string wrong = "definitely-not-the-key";

        var run = await ExternalDnsProcess.RunAsync(Args(dir, "x"), new Dictionary<string, string> { ["EXTERNAL_DNS_PDNS_API_KEY"] = wrong });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--pdns-api-key", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, run.Stderr + run.Stdout, StringComparison.Ordinal);
    }
}

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

    [Fact]
    public async Task Create_ptr_writes_ptr_records_into_a_reverse_zone_of_powerdns()
    {
        foreach (var zone in (string[])["example.com", "2.0.192.in-addr.arpa"])
        {
            if (!await pdns.ZoneExistsAsync(zone))
            {
                await pdns.CreateZoneAsync(zone);
            }
        }

        var dir = ExternalDnsProcess.ManifestDirectory(("p.yaml", Manifests.LoadBalancerService("p", "ptr-pdns.example.com", "192.0.2.77")));
        string[] args =
        [
            .. Args(dir, "pdns-ptr"), "--domain-filter=2.0.192.in-addr.arpa", "--create-ptr", "--managed-record-types=A",
            "--managed-record-types=AAAA", "--managed-record-types=CNAME", "--managed-record-types=PTR",
        ];

        var run = await ExternalDnsProcess.RunAsync(args, new Dictionary<string, string> { ["EXTERNAL_DNS_PDNS_API_KEY"] = pdns.ApiKey });

        Assert.True(run.ExitCode == 0, run.Stderr);
        var rrsets = System.Text.Json.Nodes.JsonNode.Parse(await pdns.GetZoneJsonAsync("2.0.192.in-addr.arpa"))!["rrsets"]!.AsArray()
            .Select(r => $"{r!["name"]} {r["type"]} {string.Join(',', r["records"]!.AsArray().Select(x => x!["content"]!.GetValue<string>()))}")
            .ToList();
        Assert.Contains("77.2.0.192.in-addr.arpa. PTR ptr-pdns.example.com.", rrsets);
        Assert.Contains(rrsets, r => r.StartsWith("ptr-77.2.0.192.in-addr.arpa. TXT \"heritage=external-dns,external-dns/owner=pdns-ptr", StringComparison.Ordinal)); // its ownership record
    }
}

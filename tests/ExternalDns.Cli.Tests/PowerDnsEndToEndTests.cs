using ExternalDns.Testing.Servers;

namespace ExternalDns.Cli.Tests;

/// <summary>
/// Black-box: the <c>external-dns</c> command against a real PowerDNS (HTTP API), checked with a <c>dig</c> AXFR of its
/// DNS port. Records created through the API by someone else must survive every run.
/// </summary>
public class PowerDnsEndToEndTests(PowerDnsServer pdns) : IClassFixture<PowerDnsServer>
{
    private string[] Args(string dir, string owner, params string[] extra) =>
    [
        "--source=manifest", $"--manifest-path={dir}", "--provider=pdns", $"--pdns-server={pdns.ApiUrl}",
        "--domain-filter=example.com", "--registry=txt", $"--txt-owner-id={owner}", "--policy=sync", "--once", "--log-level=warning", .. extra,
    ];

    private Dictionary<string, string> Env => new() { ["EXTERNAL_DNS_PDNS_API_KEY"] = pdns.ApiKey };

    private HashSet<string> Zone() => [.. DigAxfr.Records(pdns.DnsPort, "example.com").Where(l => !l.Contains(" SOA ", StringComparison.Ordinal) && !l.Contains(" NS ", StringComparison.Ordinal))];

    private string Serial() => DigAxfr.Records(pdns.DnsPort, "example.com").First(l => l.Contains(" SOA ", StringComparison.Ordinal));

    [Fact]
    public async Task Creates_then_changes_nothing_then_deletes_only_its_own()
    {
        await pdns.CreateZoneAsync("example.com");
        await pdns.PatchZoneAsync("example.com", """
            {"rrsets": [
              {"name": "human.example.com.", "type": "A", "ttl": 300, "changetype": "REPLACE", "records": [{"content": "192.0.2.99", "disabled": false}]},
              {"name": "other.example.com.", "type": "A", "ttl": 300, "changetype": "REPLACE", "records": [{"content": "192.0.2.98", "disabled": false}]},
              {"name": "a-other.example.com.", "type": "TXT", "ttl": 300, "changetype": "REPLACE", "records": [{"content": "\"heritage=external-dns,external-dns/owner=other-cluster,external-dns/resource=service/x/other\"", "disabled": false}]}
            ]}
            """);
        var dir = ExternalDnsProcess.ManifestDirectory(
            ("app.yaml", Manifests.LoadBalancerService("app", "app.example.com", "203.0.113.10")),
            ("www.yaml", Manifests.Ingress("www", "www.example.com", "lb.example.net")),
            ("steal.yaml", Manifests.LoadBalancerService("steal", "other.example.com", "203.0.113.66")));

        var first = await ExternalDnsProcess.RunAsync(Args(dir, "e2e"), Env);
        Assert.True(first.ExitCode == 0, first.Stderr);
        var zone = Zone();
        string[] expected =
        [
            "app.example.com. A 203.0.113.10",
            "a-app.example.com. TXT \"heritage=external-dns,external-dns/owner=e2e,external-dns/resource=service/default/app\"",
            "www.example.com. CNAME lb.example.net.",
            "cname-www.example.com. TXT \"heritage=external-dns,external-dns/owner=e2e,external-dns/resource=ingress/web/www\"",
            "human.example.com. A 192.0.2.99",
            "other.example.com. A 192.0.2.98",
        ];
        Assert.All(expected, e => Assert.Contains(e, zone));
        Assert.Equal(expected.Length + 1, zone.Count); // + the other owner's TXT, nothing else

        var serial = Serial();
        var second = await ExternalDnsProcess.RunAsync([.. Args(dir, "e2e"), "--plan-format=json"], Env);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains("\"create\": 0", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"update\": 0", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"delete\": 0", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(serial, Serial());

        File.Delete(Path.Combine(dir, "www.yaml"));
        var third = await ExternalDnsProcess.RunAsync(Args(dir, "e2e"), Env);
        Assert.True(third.ExitCode == 0, third.Stderr);
        Assert.Equal(zone.Where(l => !l.Contains("www.example.com", StringComparison.Ordinal)).ToHashSet(), Zone());
    }

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

using ExternalDns.Testing.Servers;

namespace ExternalDns.Cli.Tests;

/// <summary>
/// Black-box: the custom resources of ingress controllers (Gateway API routes, Traefik, Istio, Contour) and pods read
/// by the manifest source, written to a real BIND 9 and checked with dig AXFR: the records, upstream's ownership TXT
/// with each source's resource label, no change on the second run, and deletion when the object goes.
/// </summary>
public sealed class IngressControllerSourcesEndToEndTests(BindServer bind) : IClassFixture<BindServer>
{
    private string[] Args(string dir, string owner, params string[] extra) =>
    [
        "--source=manifest", $"--manifest-path={dir}",
        "--provider=rfc2136", "--rfc2136-host=127.0.0.1", $"--rfc2136-port={bind.Port}", "--rfc2136-zone=example.org",
        $"--rfc2136-tsig-keyname={BindServer.KeyName}", $"--rfc2136-tsig-secret={BindServer.KeySecret}", "--rfc2136-tsig-secret-alg=hmac-sha256", "--rfc2136-axfr",
        $"--txt-owner-id={owner}", "--policy=sync", "--once", "--log-level=warning", .. extra,
    ];

    private HashSet<string> Zone() =>
        [.. bind.DigAxfr("example.org").Select(l => l.Split(' ')).Where(p => p[3] != "SOA").Select(p => $"{p[0]} {p[3]} {string.Join(' ', p[4..])}")];

    private async Task AssertSecondRunChangesNothingAsync(string dir, string owner)
    {
        var second = await ExternalDnsProcess.RunAsync([.. Args(dir, owner), "--plan-format=json"]);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains("\"create\": 0", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"update\": 0", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"delete\": 0", second.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_api_routes_from_manifests_are_written_with_the_route_label_and_removed_with_the_route()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(
            ("gateway.yaml", IngressControllerManifests.Gateway("edge", "203.0.113.71")),
            ("web.yaml", IngressControllerManifests.HttpRoute("gw-web", "gw-web.example.org", "edge", accepted: true)),
            ("pending.yaml", IngressControllerManifests.HttpRoute("gw-pending", "gw-pending.example.org", "edge", accepted: false)));

        var first = await ExternalDnsProcess.RunAsync(Args(dir, "gw"));

        Assert.True(first.ExitCode == 0, first.Stderr + first.Stdout);
        var zone = Zone();
        Assert.Contains("gw-web.example.org. A 203.0.113.71", zone);
        Assert.Contains("a-gw-web.example.org. TXT \"heritage=external-dns,external-dns/owner=gw,external-dns/resource=httproute/apps/gw-web\"", zone);
        Assert.Contains(bind.DigAxfr("example.org"), l => l.StartsWith("gw-web.example.org. 90 IN A", StringComparison.Ordinal));
        Assert.DoesNotContain(zone, l => l.Contains("gw-pending", StringComparison.Ordinal));

        await AssertSecondRunChangesNothingAsync(dir, "gw");

        File.Delete(Path.Combine(dir, "web.yaml"));
        var third = await ExternalDnsProcess.RunAsync(Args(dir, "gw"));
        Assert.True(third.ExitCode == 0, third.Stderr);
        Assert.DoesNotContain(Zone(), l => l.Contains("gw-web", StringComparison.Ordinal));
    }
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using ExternalDns.Testing.Kubernetes;
using ExternalDns.Testing.Servers;
using Xunit.Abstractions;

namespace ExternalDns.Cli.Tests.Kubernetes;

/// <summary>
/// The Gateway API sources live, through the API emulator, the real <c>external-dns</c> process and BIND: a route's
/// status flipping to Accepted=True reaches DNS in well under a second with <c>--events</c>; a CRD that is not
/// installed gets one warning and keeps its records while the other sources keep working.
/// </summary>
public sealed class GatewayLiveTests(BindServer bind, ITestOutputHelper output) : IClassFixture<BindServer>
{
    // A behaviour check, not a benchmark: generous for a loaded CI machine; the measured latency is printed.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    private static string Gateway(FaultHarness h, string address) => $$"""
        {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway",
         "metadata": {"name": "edge", "namespace": "default"},
         "spec": {"gatewayClassName": "eg", "listeners": [{"name": "http", "port": 80, "protocol": "HTTP"}]},
         "status": {"addresses": [{"type": "IPAddress", "value": "{{address}}"} ] } }
        """;

    private static string Route(FaultHarness h, string label, string status) => $$"""
        {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute",
         "metadata": {"name": "{{h.ObjectName(label)}}", "namespace": "default"},
         "spec": {"hostnames": ["{{h.Host(label)}}"], "parentRefs": [{"name": "edge"}]},
         "status": {"parents": [{"parentRef": {"name": "edge"}, "controllerName": "example.com/gw",
                                 "conditions": [{"type": "Accepted", "status": "{{status}}"} ] } ] } }
        """;

    [Fact]
    public async Task A_route_accepted_by_its_gateway_reaches_dns_well_under_two_seconds_after_the_status_change()
    {
        await using var h = await FaultHarness.StartAsync(bind, "gwlive");
        h.Sources = ["service", "gateway-httproute"];
        h.PutService("alpha", "203.0.113.120");
        h.Api.Put(Gateway(h, "203.0.113.121"));
        h.Api.Put(Route(h, "route", "False"));
        using var loop = h.StartLoop("controller", ["--events", "--min-event-sync-interval=0s", "--interval=10m"]);

        // The loop is up and the route, not accepted, has no record.
        await h.WaitForZoneAsync(z => h.A(z, "alpha").Count == 1, "alpha's record is created");
        Assert.Empty(h.A(h.Records(), "route"));

        var clock = Stopwatch.StartNew();
        h.Api.Update("httproutes.gateway.networking.k8s.io", "default", h.ObjectName("route"),
            r => r["status"]!["parents"]![0]!["conditions"]![0]!["status"] = "True");
        var latency = await h.WaitForZoneAsync(z => h.A(z, "route").SetEquals(["203.0.113.121"]), "the accepted route's record is created", TimeSpan.FromSeconds(10));
        output.WriteLine($"HTTPRoute Accepted=False -> True -> record in BIND (AXFR polled): {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(clock.Elapsed < Bound, $"{clock.Elapsed.TotalMilliseconds:0} ms\n{h.DescribeLoops()}");
        Assert.Contains($"a-{h.Host("route")}. TXT \"heritage=external-dns,external-dns/owner={h.Id},external-dns/resource=httproute/default/{h.ObjectName("route")}\"", h.Records());
        _ = latency;

        // Rejected again: the record goes.
        h.Api.Update("httproutes.gateway.networking.k8s.io", "default", h.ObjectName("route"),
            r => r["status"]!["parents"]![0]!["conditions"]![0]!["status"] = "False");
        await h.WaitForZoneAsync(z => h.Gone(z, "route"), "the rejected route's records are deleted", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_missing_crd_is_one_warning_its_records_are_kept_and_the_other_sources_keep_working()
    {
        var catalog = KubeResourceCatalog.CreateDefault();
        catalog.Remove("httproutes.gateway.networking.k8s.io");
        await using var h = await FaultHarness.StartAsync(bind, "nocrd", new KubeApiServerOptions { Resources = catalog });
        h.Sources = ["service", "gateway-httproute"];

        // A record this owner made earlier for a route (its TXT names the route): it must survive.
        bind.Nsupdate("example.org",
            $"update add {h.Host("old-route")} 300 A 203.0.113.130",
            $"update add a-{h.Host("old-route")} 300 TXT \"heritage=external-dns,external-dns/owner={h.Id},external-dns/resource=httproute/default/{h.ObjectName("old-route")}\"");
        h.PutService("alpha", "203.0.113.131");

        var run = await ExternalDnsProcess.RunAsync([.. h.Args(), "--once", "--metrics-address="]);

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        var zone = h.Records();
        Assert.Equal(["203.0.113.131"], h.A(zone, "alpha"));
        Assert.Equal(["203.0.113.130"], h.A(zone, "old-route"));
        var output = run.Stdout + run.Stderr;
        var warning = "HTTPRoute is not served by the API server (404 for httproutes.gateway.networking.k8s.io, version gateway.networking.k8s.io/v1): is its CustomResourceDefinition installed?";
        Assert.Equal(1, output.Split('\n').Count(l => l.Contains(warning, StringComparison.Ordinal)));
    }
}

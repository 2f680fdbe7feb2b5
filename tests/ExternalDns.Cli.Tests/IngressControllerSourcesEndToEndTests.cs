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

    private async Task AssertSecondRunChangesNothingAsync(string dir, string owner, params string[] extra)
    {
        var second = await ExternalDnsProcess.RunAsync([.. Args(dir, owner, extra), "--plan-format=json"]);
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

    [Fact]
    public async Task Traefik_istio_contour_and_pod_records_from_manifests_carry_upstream_labels()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(
            ("traefik.yaml", """
                apiVersion: traefik.io/v1alpha1
                kind: IngressRoute
                metadata:
                  name: shop
                  namespace: web
                  annotations:
                    external-dns.kubernetes.io/target: lb-traefik.example.net
                spec:
                  routes:
                  - match: Host(`tr-shop.example.org`) || Host(`tr-www.example.org`) && PathPrefix(`/`)
                    kind: Rule
                ---
                apiVersion: traefik.io/v1alpha1
                kind: IngressRoute
                metadata:
                  name: no-target
                  namespace: web
                spec:
                  routes:
                  - match: Host(`tr-none.example.org`)
                """),
            ("istio.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: istio-ingressgateway
                  namespace: istio-system
                spec:
                  type: LoadBalancer
                  selector: {istio: ingressgateway}
                status:
                  loadBalancer:
                    ingress: [{ip: 203.0.113.81}]
                ---
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata:
                  name: public
                  namespace: istio-system
                spec:
                  selector: {istio: ingressgateway}
                  servers:
                  - hosts: ["*/is-gw.example.org", "*/*.mesh.example.org"]
                    port: {number: 80, name: http, protocol: HTTP}
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: reviews
                  namespace: bookinfo
                spec:
                  hosts: [is-reviews.mesh.example.org]
                  gateways: [istio-system/public]
                """),
            ("contour.yaml", """
                apiVersion: projectcontour.io/v1
                kind: HTTPProxy
                metadata:
                  name: blog
                  namespace: blog
                spec:
                  virtualhost: {fqdn: ct-blog.example.org}
                status:
                  loadBalancer:
                    ingress: [{hostname: contour.example.net}]
                """),
            ("pods.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: po-worker
                  namespace: jobs
                spec:
                  hostNetwork: true
                  containers: [{name: c, image: x}]
                status:
                  podIP: 203.0.113.91
                """));
        string[] extra = ["--manifest-publish-pods", "--pod-source-domain=example.org", "--log-level=info"];

        var first = await ExternalDnsProcess.RunAsync(Args(dir, "mix", extra));

        Assert.True(first.ExitCode == 0, first.Stderr + first.Stdout);
        var zone = Zone();
        string[] expected =
        [
            "tr-shop.example.org. CNAME lb-traefik.example.net.",
            "tr-www.example.org. CNAME lb-traefik.example.net.",
            "cname-tr-shop.example.org. TXT \"heritage=external-dns,external-dns/owner=mix,external-dns/resource=ingressroute/web/shop\"",
            "is-gw.example.org. A 203.0.113.81",
            "*.mesh.example.org. A 203.0.113.81",
            "a-is-gw.example.org. TXT \"heritage=external-dns,external-dns/owner=mix,external-dns/resource=gateway/istio-system/public\"",
            "is-reviews.mesh.example.org. A 203.0.113.81",
            "a-is-reviews.mesh.example.org. TXT \"heritage=external-dns,external-dns/owner=mix,external-dns/resource=virtualservice/bookinfo/reviews\"",
            "ct-blog.example.org. CNAME contour.example.net.",
            "cname-ct-blog.example.org. TXT \"heritage=external-dns,external-dns/owner=mix,external-dns/resource=HTTPProxy/blog/blog\"",
            "po-worker.example.org. A 203.0.113.91",
            "a-po-worker.example.org. TXT \"heritage=external-dns,external-dns/owner=mix\"",
        ];
        Assert.All(expected, e => Assert.Contains(e, zone));
        Assert.DoesNotContain(zone, l => l.Contains("tr-none", StringComparison.Ordinal));
        Assert.Contains("no external-dns.kubernetes.io/target annotation", first.Stdout + first.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(zone, l => l.Contains("istio-ingressgateway", StringComparison.Ordinal));

        await AssertSecondRunChangesNothingAsync(dir, "mix", extra);
    }
}

using ExternalDns.Testing.Servers;

namespace ExternalDns.Cli.Tests;

/// <summary>
/// Black-box: <c>--create-ptr</c> and the <c>record-type</c> annotation (PTR records in real reverse zones of BIND),
/// <c>--target-net-filter</c>, <c>--exclude-target-net</c> and <c>--nat64-networks</c>, each through the
/// <c>external-dns</c> command against BIND and read back with <c>dig</c> AXFR.
/// </summary>
public class TargetsAndPtrEndToEndTests(BindServer bind) : IClassFixture<BindServer>
{
    private const string V4Reverse = "2.0.192.in-addr.arpa";
    private const string V6Reverse = "8.b.d.0.1.0.0.2.ip6.arpa";

    private string[] Args(string dir, string owner, params string[] extra) =>
    [
        "--source=manifest", $"--manifest-path={dir}",
        "--provider=rfc2136", "--rfc2136-host=127.0.0.1", $"--rfc2136-port={bind.Port}",
        "--rfc2136-zone=example.org", $"--rfc2136-zone={V4Reverse}", $"--rfc2136-zone={V6Reverse}",
        $"--rfc2136-tsig-keyname={BindServer.KeyName}", "--rfc2136-tsig-secret-alg=hmac-sha256", "--rfc2136-axfr",
        "--registry=txt", $"--txt-owner-id={owner}", "--policy=sync", "--once", "--log-level=warning", .. extra,
    ];

    private static readonly string[] PtrManaged =
        ["--managed-record-types=A", "--managed-record-types=AAAA", "--managed-record-types=CNAME", "--managed-record-types=PTR"];

    private static Dictionary<string, string> Env => new() { ["EXTERNAL_DNS_RFC2136_TSIG_SECRET"] = BindServer.KeySecret };

    private HashSet<string> Zone(string zone) =>
        [.. bind.DigAxfr(zone).Select(l => l.Split(' ')).Where(p => p[3] is not "SOA" and not "NS").Select(p => $"{p[0]} {p[3]} {string.Join(' ', p[4..])}")];

    private static string Service(string name, string hostname, IEnumerable<string> ips, string? recordType = null) =>
        Manifests.LoadBalancerService(name, hostname, ips.Select(ip => $"ip: {ip}"), recordType is null ? [] : [("external-dns.kubernetes.io/record-type", recordType)]);

    [Fact]
    public async Task Create_ptr_writes_ptr_records_in_both_reverse_zones_and_removes_them_with_the_service()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(
            ("web.yaml", Service("web", "web.example.org", ["192.0.2.10", "2001:db8::10"])),
            ("api.yaml", Service("api", "api.example.org", ["192.0.2.10"])),
            ("optout.yaml", Service("optout", "optout.example.org", ["192.0.2.12"], recordType: "")));

        var run = await ExternalDnsProcess.RunAsync([.. Args(dir, "ptr"), "--create-ptr", .. PtrManaged], Env);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var v4 = Zone(V4Reverse);
        // Two names on one address: one PTR record set with both (upstream's grouping).
        Assert.Contains("10.2.0.192.in-addr.arpa. PTR api.example.org.", v4);
        Assert.Contains("10.2.0.192.in-addr.arpa. PTR web.example.org.", v4);
        Assert.Contains(v4, l => l.StartsWith("ptr-10.2.0.192.in-addr.arpa. TXT \"heritage=external-dns,external-dns/owner=ptr", StringComparison.Ordinal));
        Assert.DoesNotContain(v4, l => l.StartsWith("12.2.0.192.in-addr.arpa.", StringComparison.Ordinal)); // the annotation opted out
        Assert.Contains("0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa. PTR web.example.org.", Zone(V6Reverse));
        Assert.Contains("web.example.org. A 192.0.2.10", Zone("example.org"));

        // The service goes: its forward and reverse records go with it, the other name stays on the shared address.
        File.Delete(Path.Combine(dir, "web.yaml"));
        run = await ExternalDnsProcess.RunAsync([.. Args(dir, "ptr"), "--create-ptr", .. PtrManaged], Env);

        Assert.True(run.ExitCode == 0, run.Stderr);
        v4 = Zone(V4Reverse);
        Assert.Contains("10.2.0.192.in-addr.arpa. PTR api.example.org.", v4);
        Assert.DoesNotContain("10.2.0.192.in-addr.arpa. PTR web.example.org.", v4);
        Assert.DoesNotContain(Zone(V6Reverse), l => l.Contains("PTR", StringComparison.Ordinal));
        Assert.DoesNotContain(Zone("example.org"), l => l.StartsWith("web.example.org.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_record_type_annotation_asks_for_a_ptr_without_create_ptr()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(
            ("asks.yaml", Service("asks", "asks.example.org", ["192.0.2.20"], recordType: "ptr")),
            ("plain.yaml", Service("plain", "plain.example.org", ["192.0.2.21"])));

        var run = await ExternalDnsProcess.RunAsync([.. Args(dir, "annotated"), .. PtrManaged], Env);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var v4 = Zone(V4Reverse);
        Assert.Contains("20.2.0.192.in-addr.arpa. PTR asks.example.org.", v4);
        Assert.DoesNotContain(v4, l => l.StartsWith("21.2.0.192.in-addr.arpa.", StringComparison.Ordinal));
        Assert.Contains("plain.example.org. A 192.0.2.21", Zone("example.org"));
    }

    [Fact]
    public async Task Create_ptr_without_ptr_among_the_managed_record_types_is_a_usage_error()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("x.yaml", Service("x", "x.example.org", ["192.0.2.30"])));

        var run = await ExternalDnsProcess.RunAsync([.. Args(dir, "x"), "--create-ptr"], Env);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--create-ptr requires PTR in --managed-record-types", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Target_net_filter_and_exclude_target_net_keep_only_the_allowed_targets()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(
            ("multi.yaml", Service("multi", "multi.example.org", ["203.0.113.60", "203.0.113.61", "198.51.100.60"])),
            ("outside.yaml", Service("outside", "outside.example.org", ["198.51.100.61"])));

        var run = await ExternalDnsProcess.RunAsync(
            [.. Args(dir, "netfilter"), "--target-net-filter=203.0.113.0/24", "--target-net-filter=10.0.0.0/8", "--exclude-target-net=203.0.113.61/32"], Env);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var zone = Zone("example.org");
        Assert.Contains("multi.example.org. A 203.0.113.60", zone);
        Assert.DoesNotContain("multi.example.org. A 203.0.113.61", zone);
        Assert.DoesNotContain("multi.example.org. A 198.51.100.60", zone);
        Assert.DoesNotContain(zone, l => l.StartsWith("outside.example.org.", StringComparison.Ordinal)); // no target left: no record
    }

    [Fact]
    public async Task Nat64_networks_add_an_a_record_for_an_aaaa_in_the_prefix()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("nat.yaml", Service("nat", "nat64.example.org", ["64:ff9b::c000:228", "2001:db8::70"])));

        var run = await ExternalDnsProcess.RunAsync([.. Args(dir, "nat64"), "--nat64-networks=64:ff9b::/96"], Env);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var zone = Zone("example.org");
        Assert.Contains("nat64.example.org. AAAA 64:ff9b::c000:228", zone);
        Assert.Contains("nat64.example.org. AAAA 2001:db8::70", zone);
        Assert.Contains("nat64.example.org. A 192.0.2.40", zone);
        Assert.Single(zone, l => l.StartsWith("nat64.example.org. A ", StringComparison.Ordinal));
    }

    private static string HostnameLoadBalancer(string name, string hostname, string lbHostname, string? ip = null) =>
        Manifests.LoadBalancerService(name, hostname, ip is null ? [$"hostname: {lbHostname}"] : [$"hostname: {lbHostname}", $"ip: {ip}"]);

    [Fact]
    public async Task Load_balancer_host_names_are_resolved_to_a_and_aaaa_through_the_given_resolver_and_kept_when_they_stop_resolving()
    {
        // The load balancer's name lives in example.net on the same BIND, which answers authoritatively on loopback.
        bind.Nsupdate("example.net", "update add lb-resolve.example.net 300 A 192.0.2.50", "update add lb-resolve.example.net 300 AAAA 2001:db8::50");
        var dir = ExternalDnsProcess.ManifestDirectory(
            ("lb.yaml", HostnameLoadBalancer("lb", "resolved.example.org", "lb-resolve.example.net")),
            ("mixed.yaml", HostnameLoadBalancer("mixed", "resolved-mixed.example.org", "lb-resolve.example.net", ip: "203.0.113.55")));
        string[] args = [.. Args(dir, "resolve"), "--resolve-service-load-balancer-hostname", $"--load-balancer-hostname-resolver=127.0.0.1:{bind.Port}"];

        var run = await ExternalDnsProcess.RunAsync(args, Env);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var zone = Zone("example.org");
        Assert.Contains("resolved.example.org. A 192.0.2.50", zone);
        Assert.Contains("resolved.example.org. AAAA 2001:db8::50", zone);
        Assert.DoesNotContain(zone, l => l.StartsWith("resolved.example.org. CNAME", StringComparison.Ordinal));
        Assert.Contains("resolved-mixed.example.org. A 192.0.2.50", zone); // merged with the load balancer's own IP
        Assert.Contains("resolved-mixed.example.org. A 203.0.113.55", zone);

        // Without the flag the same Service is a CNAME, as before.
        var plain = ExternalDnsProcess.ManifestDirectory(("lb.yaml", HostnameLoadBalancer("lb2", "unresolved.example.org", "lb-resolve.example.net")));
        run = await ExternalDnsProcess.RunAsync(Args(plain, "no-resolve"), Env);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("unresolved.example.org. CNAME lb-resolve.example.net.", Zone("example.org"));

        // The name stops resolving: a warning names it, and the records stay as they are (upstream would delete them).
        bind.Nsupdate("example.net", "update delete lb-resolve.example.net");
        run = await ExternalDnsProcess.RunAsync(args, Env);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("cannot resolve load balancer host name lb-resolve.example.net", run.Stdout + run.Stderr, StringComparison.Ordinal);
        zone = Zone("example.org");
        Assert.Contains("resolved.example.org. A 192.0.2.50", zone);
        Assert.Contains("resolved.example.org. AAAA 2001:db8::50", zone);
    }

    [Fact]
    public async Task A_bad_resolver_is_a_usage_error_naming_the_flag()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("lb.yaml", HostnameLoadBalancer("lb", "r.example.org", "lb.example.net")));

        var run = await ExternalDnsProcess.RunAsync([.. Args(dir, "bad-resolver"), "--resolve-service-load-balancer-hostname", "--load-balancer-hostname-resolver=127.0.0.1:99999"], Env);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--load-balancer-hostname-resolver", run.Stderr, StringComparison.Ordinal);
    }

    private static string LegacyService(string name, string ip, string labels, string annotations) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
          namespace: default
          labels: {labels}
          annotations: {annotations}
        spec:
          type: LoadBalancer
          ports:
          - port: 80
        status:
          loadBalancer:
            ingress:
            - ip: {ip}
        """;

    [Theory]
    [InlineData("mate", "mate.example.org")]
    [InlineData("molecule", "mol1.example.org,mol2.example.org")]
    [InlineData("kops-dns-controller", "kops.example.org,kops-internal.example.org")]
    public async Task Compatibility_reads_the_legacy_annotations_of_that_controller_only(string mode, string expected)
    {
        var dir = ExternalDnsProcess.ManifestDirectory(
            ("mate.yaml", LegacyService("mate", "203.0.113.101", "{}", "{zalando.org/dnsname: mate.example.org}")),
            ("molecule.yaml", LegacyService("molecule", "203.0.113.102", "{dns: route53}", "{domainName: 'mol1.example.org, mol2.example.org'}")),
            ("molecule-unlabelled.yaml", LegacyService("molecule-off", "203.0.113.103", "{}", "{domainName: mol3.example.org}")),
            ("kops.yaml", LegacyService("kops", "203.0.113.104", "{}", "{dns.alpha.kubernetes.io/external: kops.example.org, dns.alpha.kubernetes.io/internal: kops-internal.example.org}")),
            ("ours.yaml", LegacyService("ours", "203.0.113.105", "{}", "{external-dns.kubernetes.io/hostname: ours-legacy.example.org, zalando.org/dnsname: not-this.example.org}")));

        var run = await ExternalDnsProcess.RunAsync([.. Args(dir, "legacy-" + mode), $"--compatibility={mode}"], Env);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var names = Zone("example.org").Where(l => l.Contains(" A 203.0.113.10", StringComparison.Ordinal)).Select(l => l.Split(' ')[0].TrimEnd('.')).ToHashSet();
        Assert.Equal(expected.Split(',').Append("ours-legacy.example.org").Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));

        // Our own annotation wins over the legacy one on the same Service; unlabelled molecule Services are skipped.
        Assert.DoesNotContain("not-this.example.org", names);
        Assert.DoesNotContain("mol3.example.org", names);

        // Clean up for the next mode: the same owner without --compatibility deletes the legacy records.
        run = await ExternalDnsProcess.RunAsync(Args(dir, "legacy-" + mode), Env);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.DoesNotContain(Zone("example.org"), l => expected.Split(',').Any(n => l.StartsWith(n + ". ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Target_template_gives_traefik_routes_their_fqdn_template_names_targets()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("route.yaml", """
            apiVersion: traefik.io/v1alpha1
            kind: IngressRoute
            metadata:
              name: tt
              namespace: web
              labels:
                edge: 203.0.113.121
            spec:
              routes:
              - match: PathPrefix(`/`)
            """));
        string[] args = [.. Args(dir, "target-template"), "--fqdn-template={{ .Name }}-{{ .Namespace }}.example.org",
            "--target-template=203.0.113.120", "--target-template={{ index .Labels \"edge\" }}"];

        var run = await ExternalDnsProcess.RunAsync(args, Env);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var zone = Zone("example.org");
        Assert.Contains("tt-web.example.org. A 203.0.113.120", zone);
        Assert.Contains("tt-web.example.org. A 203.0.113.121", zone);
        Assert.Contains("a-tt-web.example.org. TXT \"heritage=external-dns,external-dns/owner=target-template,external-dns/resource=ingressroute/web/tt\"", zone);
    }

    [Theory]
    [InlineData("--target-net-filter=10.0.0.0/33", "--target-net-filter")]
    [InlineData("--exclude-target-net=not-a-net", "--exclude-target-net")]
    [InlineData("--nat64-networks=64:ff9b::/64", "--nat64-networks")]
    [InlineData("--nat64-networks=10.0.0.0/8", "--nat64-networks")]
    public async Task A_bad_network_is_a_usage_error_naming_the_flag(string flag, string name)
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("y.yaml", Service("y", "y.example.org", ["203.0.113.80"])));

        var run = await ExternalDnsProcess.RunAsync([.. Args(dir, "bad-net"), flag], Env);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(name + ":", run.Stderr, StringComparison.Ordinal);
    }
}

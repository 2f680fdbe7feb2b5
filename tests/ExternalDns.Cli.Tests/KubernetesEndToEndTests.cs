using System.Text.Json.Nodes;
using ExternalDns.Testing.Kubernetes;
using ExternalDns.Testing.Servers;

namespace ExternalDns.Cli.Tests;

/// <summary>
/// Black-box: <c>external-dns --source=service --source=ingress --source=crd --kubeconfig=…</c> against the Kubernetes API
/// emulator and a real BIND 9, checked with dig.
/// </summary>
public sealed class KubernetesEndToEndTests(BindServer bind) : IClassFixture<BindServer>, IAsyncLifetime
{
    private KubeApiServer _api = null!;
    private string _kubeconfig = null!;

    public async Task InitializeAsync()
    {
        _api = await KubeApiServer.StartAsync();
        _kubeconfig = _api.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"kubeconfig-{Guid.NewGuid():N}"));
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        File.Delete(_kubeconfig);
    }

    private string[] Args(string owner, params string[] extra) =>
    [
        "--source=service", "--source=ingress", "--source=crd", $"--kubeconfig={_kubeconfig}",
        "--provider=rfc2136", "--rfc2136-host=127.0.0.1", $"--rfc2136-port={bind.Port}", "--rfc2136-zone=example.org",
        $"--rfc2136-tsig-keyname={BindServer.KeyName}", $"--rfc2136-tsig-secret={BindServer.KeySecret}", "--rfc2136-tsig-secret-alg=hmac-sha256", "--rfc2136-axfr",
        $"--txt-owner-id={owner}", "--policy=sync", "--once", "--log-level=warning", .. extra,
    ];

    private HashSet<string> Zone() =>
        [.. bind.DigAxfr("example.org").Select(l => l.Split(' ')).Where(p => p[3] != "SOA").Select(p => $"{p[0]} {p[3]} {string.Join(' ', p[4..])}")];

    [Fact]
    public async Task Once_syncs_services_ingresses_and_dnsendpoints_and_writes_status_and_events()
    {
        _api.Put(Manifests.LoadBalancerServiceJson("k8s-app", "k8s-app.example.org", "203.0.113.50"));
        _api.Put(Manifests.IngressJson("k8s-web", "k8s-web.example.org", "lb.example.net"));
        _api.Put("""
            {"apiVersion": "externaldns.k8s.io/v1alpha1", "kind": "DNSEndpoint",
             "metadata": {"name": "k8s-crd", "namespace": "default"},
             "spec": {"endpoints": [{"dnsName": "k8s-crd.example.org", "recordType": "A", "targets": ["192.0.2.77"], "recordTTL": 60}]}}
            """);

        var run = await ExternalDnsProcess.RunAsync(Args("k8s"));

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        var zone = Zone();
        Assert.Contains("k8s-app.example.org. A 203.0.113.50", zone);
        Assert.Contains("k8s-web.example.org. CNAME lb.example.net.", zone);
        Assert.Contains("k8s-crd.example.org. A 192.0.2.77", zone);
        Assert.Contains("a-k8s-crd.example.org. TXT \"heritage=external-dns,external-dns/owner=k8s,external-dns/resource=crd/default/k8s-crd\"", zone);

        var dnsEndpoint = _api.Get("dnsendpoints", "default", "k8s-crd")!;
        var generation = dnsEndpoint["metadata"]!["generation"]!.GetValue<long>();
        Assert.True(generation > 0);
        Assert.Equal(generation, dnsEndpoint["status"]?["observedGeneration"]?.GetValue<long>());

        var events = _api.List("events", "default").Select(e => e.ToJsonString()).ToList();
        Assert.Contains(events, e => e.Contains("RecordReady", StringComparison.Ordinal) && e.Contains("k8s-app", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_broken_object_gets_a_warning_event_and_keeps_its_records()
    {
        _api.Put(Manifests.LoadBalancerServiceJson("keep", "keep.example.org", "203.0.113.60"));
        var first = await ExternalDnsProcess.RunAsync(Args("broken"));
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains("keep.example.org. A 203.0.113.60", Zone());

        // The target annotation is now invalid: the Service cannot be mapped, so its records must stay.
        _api.Update("services", "default", "keep", o => o["metadata"]!["annotations"]!["external-dns.kubernetes.io/target"] = "not a target!");
        var second = await ExternalDnsProcess.RunAsync(Args("broken"));

        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains("keep.example.org. A 203.0.113.60", Zone());
        var events = _api.List("events", "default").Select(e => e.ToJsonString()).ToList();
        Assert.Contains(events, e => e.Contains("Warning", StringComparison.Ordinal) && e.Contains("keep", StringComparison.Ordinal) && e.Contains("target", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_malformed_kubeconfig_fails_at_start_with_exit_code_1()
    {
        var bad = Path.Combine(Path.GetTempPath(), $"kubeconfig-bad-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(bad, "apiVersion: v1\nclusters: [ this is : not yaml");
        try
        {
            var run = await ExternalDnsProcess.RunAsync(["--source=service", $"--kubeconfig={bad}", "--provider=inmemory", "--inmemory-zone=example.org", "--policy=sync", "--once"]);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains(bad, run.Stderr, StringComparison.Ordinal);
            Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            File.Delete(bad);
        }
    }
}

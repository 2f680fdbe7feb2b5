using ExternalDns.Testing.Kubernetes;

namespace ExternalDns.Cli.Tests;

/// <summary>
/// Black-box: the node source, from manifests (<c>--source=manifest --manifest-publish-nodes</c>, no cluster needed) and
/// live (<c>--source=node --kubeconfig=…</c> against the Kubernetes API emulator), through the in-memory provider.
/// </summary>
public sealed class NodeSourceTests : IAsyncLifetime
{
    private const string Nodes = """
        apiVersion: v1
        kind: Node
        metadata:
          name: node1.example.org
          annotations:
            external-dns.kubernetes.io/ttl: "120"
        status:
          addresses:
          - type: ExternalIP
            address: 203.0.113.1
          - type: InternalIP
            address: 10.0.0.1
          - type: InternalIP
            address: 2001:db8::1
        ---
        apiVersion: v1
        kind: Node
        metadata:
          name: node2.example.org
        status:
          addresses:
          - type: InternalIP
            address: 10.0.0.2
        ---
        apiVersion: v1
        kind: Node
        metadata:
          name: cordoned.example.org
        spec:
          unschedulable: true
        status:
          addresses:
          - type: ExternalIP
            address: 203.0.113.3
        ---
        apiVersion: v1
        kind: Node
        metadata:
          name: joining.example.org
        """;

    private KubeApiServer? _api;
    private string? _kubeconfig;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_kubeconfig is not null)
        {
            File.Delete(_kubeconfig);
        }
    }

    private static string[] Common(params string[] extra) =>
        ["--provider=inmemory", "--inmemory-zone=example.org", "--policy=sync", "--txt-owner-id=nodes", "--once", .. extra];

    [Fact]
    public async Task Manifest_nodes_are_published_with_manifest_publish_nodes()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("nodes.yaml", Nodes));
        try
        {
            var run = await ExternalDnsProcess.RunAsync(Common("--source=manifest", $"--manifest-path={dir}", "--manifest-publish-nodes", "--expose-internal-ipv6"));

            Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
            Assert.Matches(@"create\s+node1\.example\.org\s+A\s+203\.0\.113\.1\b", run.Stdout);
            Assert.Matches(@"create\s+node1\.example\.org\s+AAAA\s+2001:db8::1\b", run.Stdout);
            Assert.Matches(@"create\s+node2\.example\.org\s+A\s+10\.0\.0\.2\b", run.Stdout);
            Assert.DoesNotMatch(@"node1\.example\.org\s+A\s+[^\n]*10\.0\.0\.1", run.Stdout);
            Assert.DoesNotContain("cordoned.example.org", run.Stdout, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"create\s+joining", run.Stdout);
            Assert.Contains("node/joining.example.org", run.Stderr + run.Stdout, StringComparison.Ordinal);
            Assert.Contains("no ExternalIP or InternalIP address", run.Stderr + run.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Manifest_nodes_only_feed_services_without_manifest_publish_nodes()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("nodes.yaml", Nodes), ("svc.yaml", Manifests.LoadBalancerService("app", "app.example.org", "203.0.113.9")));
        try
        {
            var run = await ExternalDnsProcess.RunAsync(Common("--source=manifest", $"--manifest-path={dir}"));

            Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
            Assert.Matches(@"create\s+app\.example\.org\s+A\s+203\.0\.113\.9", run.Stdout);
            Assert.DoesNotContain("node1.example.org", run.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("joining", run.Stderr + run.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Live_node_source_publishes_the_cluster_nodes_and_warns_on_a_node_without_address()
    {
        _api = await KubeApiServer.StartAsync();
        _kubeconfig = _api.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"kubeconfig-{Guid.NewGuid():N}"));
        _api.Put("""{"apiVersion": "v1", "kind": "Node", "metadata": {"name": "live1.example.org"}, "status": {"addresses": [{"type": "ExternalIP", "address": "198.51.100.1"}]}}""");
        _api.Put("""{"apiVersion": "v1", "kind": "Node", "metadata": {"name": "live2.example.org", "labels": {"role": "edge"}}, "status": {"addresses": [{"type": "InternalIP", "address": "10.1.0.2"}]}}""");
        _api.Put("""{"apiVersion": "v1", "kind": "Node", "metadata": {"name": "live3.example.org"}}""");

        var run = await ExternalDnsProcess.RunAsync(Common("--source=node", $"--kubeconfig={_kubeconfig}", "--log-level=warning"));

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Assert.Matches(@"create\s+live1\.example\.org\s+A\s+198\.51\.100\.1\b", run.Stdout);
        Assert.Matches(@"create\s+live2\.example\.org\s+A\s+10\.1\.0\.2\b", run.Stdout);
        Assert.DoesNotMatch(@"create\s+live3", run.Stdout);
        Assert.Contains("node/live3.example.org", run.Stderr, StringComparison.Ordinal);

        // The node that cannot be mapped gets a Warning Event (cluster-scoped objects' Events live in "default").
        var events = _api.List("events", "default").Select(e => e.ToJsonString()).ToList();
        Assert.Contains(events, e => e.Contains("RecordRejected", StringComparison.Ordinal) && e.Contains("live3.example.org", StringComparison.Ordinal) && e.Contains("\"Node\"", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Contains("RecordReady", StringComparison.Ordinal) && e.Contains("live1.example.org", StringComparison.Ordinal));

        // --label-filter applies to the nodes the node source publishes.
        var filtered = await ExternalDnsProcess.RunAsync(Common("--source=node", $"--kubeconfig={_kubeconfig}", "--label-filter=role=edge"));
        Assert.True(filtered.ExitCode == 0, filtered.Stderr + filtered.Stdout);
        Assert.Matches(@"create\s+live2\.example\.org\s+A", filtered.Stdout);
        Assert.DoesNotContain("live1.example.org", filtered.Stdout, StringComparison.Ordinal);
    }
}

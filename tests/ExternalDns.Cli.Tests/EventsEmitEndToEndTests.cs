using ExternalDns.Testing.Kubernetes;
using ExternalDns.Testing.Servers;

namespace ExternalDns.Cli.Tests;

/// <summary>
/// Black-box: <c>--events-emit</c> (upstream's Event reasons) with <c>--kubernetes-events</c>, against the Kubernetes API
/// emulator and a real BIND 9.
/// </summary>
public sealed class EventsEmitEndToEndTests(BindServer bind) : IClassFixture<BindServer>, IAsyncLifetime
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

    private string[] Args(string zone, string owner, params string[] extra) =>
    [
        "--source=service", $"--kubeconfig={_kubeconfig}",
        "--provider=rfc2136", "--rfc2136-host=127.0.0.1", $"--rfc2136-port={bind.Port}", $"--rfc2136-zone={zone}",
        $"--rfc2136-tsig-keyname={BindServer.KeyName}", $"--rfc2136-tsig-secret={BindServer.KeySecret}", "--rfc2136-tsig-secret-alg=hmac-sha256", "--rfc2136-axfr",
        $"--txt-owner-id={owner}", "--policy=sync", "--once", "--log-level=warning", .. extra,
    ];

    private List<string> Events(string name) =>
        [.. _api.List("events", "default").Select(e => e.ToJsonString()).Where(e => e.Contains($"\"name\":\"{name}\"", StringComparison.Ordinal))];

    [Fact]
    public async Task Only_the_listed_reasons_are_written()
    {
        _api.Put(Manifests.LoadBalancerServiceJson("emit-deleted", "emit-deleted.example.org", "203.0.113.91"));

        var run = await ExternalDnsProcess.RunAsync(Args("example.org", "emit", "--events-emit=RecordDeleted"));

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Assert.Contains(bind.DigAxfr("example.org"), l => l.StartsWith("emit-deleted.example.org. ", StringComparison.Ordinal));
        Assert.DoesNotContain(Events("emit-deleted"), e => e.Contains("RecordReady", StringComparison.Ordinal));

        // The Service keeps its object but loses its hostname: the record is deleted, and that Event is written.
        _api.Put(Manifests.LoadBalancerServiceJson("emit-deleted", "elsewhere.example.com", "203.0.113.91"));
        run = await ExternalDnsProcess.RunAsync(Args("example.org", "emit", "--events-emit=RecordDeleted", "--domain-filter=example.org"));

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Assert.DoesNotContain(bind.DigAxfr("example.org"), l => l.StartsWith("emit-deleted.example.org. ", StringComparison.Ordinal));
        Assert.Contains(Events("emit-deleted"), e => e.Contains("RecordDeleted", StringComparison.Ordinal));
        Assert.DoesNotContain(Events("emit-deleted"), e => e.Contains("RecordReady", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_flag_ready_is_written_and_record_error_only_when_asked()
    {
        // BIND's update-policy refuses this one name in example.net: the apply fails and the run exits 1.
        _api.Put(Manifests.LoadBalancerServiceJson("denied", "policy-denied.example.net", "203.0.113.92"));

        var run = await ExternalDnsProcess.RunAsync(Args("example.net", "denied"));

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain(Events("denied"), e => e.Contains("RecordError", StringComparison.Ordinal));

        run = await ExternalDnsProcess.RunAsync(Args("example.net", "denied", "--events-emit=RecordError"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(Events("denied"), e => e.Contains("RecordError", StringComparison.Ordinal)
            && e.Contains("\"type\":\"Warning\"", StringComparison.Ordinal)
            && e.Contains("Failed to create A record policy-denied.example.net", StringComparison.Ordinal));

        _api.Put(Manifests.LoadBalancerServiceJson("ready", "ready-default.example.org", "203.0.113.93"));
        run = await ExternalDnsProcess.RunAsync(Args("example.org", "ready-default"));

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Assert.Contains(Events("ready"), e => e.Contains("RecordReady", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Kubernetes_events_false_writes_none_even_with_events_emit()
    {
        _api.Put(Manifests.LoadBalancerServiceJson("quiet", "quiet.example.org", "203.0.113.94"));

        var run = await ExternalDnsProcess.RunAsync(Args("example.org", "quiet", "--events-emit=RecordReady", "--kubernetes-events=false"));

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Assert.Contains(bind.DigAxfr("example.org"), l => l.StartsWith("quiet.example.org. ", StringComparison.Ordinal));
        Assert.Empty(Events("quiet"));
    }
}

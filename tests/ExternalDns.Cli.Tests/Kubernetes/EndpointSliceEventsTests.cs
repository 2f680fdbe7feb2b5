using ExternalDns.Testing.Servers;

namespace ExternalDns.Cli.Tests.Kubernetes;

/// <summary>
/// <c>--events --listen-endpoint-events</c>: a change to a headless Service's EndpointSlice (nothing else changes)
/// triggers a reconcile; the interval is 10 minutes, so only the EndpointSlice watch event can explain the update.
/// </summary>
public sealed class EndpointSliceEventsTests(BindServer bind) : IClassFixture<BindServer>
{
    [Fact]
    public async Task An_endpoint_slice_change_of_a_headless_service_reaches_dns_without_waiting_for_the_interval()
    {
        await using var h = await FaultHarness.StartAsync(bind, "slices");
        h.Sources = ["service"];
        var name = h.ObjectName("headless");
        h.Api.Put($$$"""
            {"apiVersion": "v1", "kind": "Service",
             "metadata": {"name": "{{{name}}}", "namespace": "default", "annotations": {"external-dns.kubernetes.io/hostname": "{{{h.Host("headless")}}}"}},
             "spec": {"clusterIP": "None", "selector": {"app": "{{{name}}}"}, "ports": [{"port": 80}]}}
            """);
        h.Api.Put($$$"""
            {"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": "{{{name}}}-0", "namespace": "default", "labels": {"app": "{{{name}}}"}},
             "spec": {"nodeName": "node-1"},
             "status": {"podIP": "10.20.0.1"}}
            """);
        h.Api.Put(Slice(name, "10.20.0.1"));

        using var loop = h.StartLoop("controller", ["--events", "--listen-endpoint-events", "--min-event-sync-interval=0s", "--interval=10m"]);
        await h.WaitForZoneAsync(z => h.A(z, "headless").SetEquals(["10.20.0.1"]), "the headless record is created from the EndpointSlice");

        // The Pod moves to another address: only the EndpointSlice changes.
        h.Api.Put(Slice(name, "10.20.0.2"));

        await h.WaitForZoneAsync(z => h.A(z, "headless").SetEquals(["10.20.0.2"]), "the record follows the EndpointSlice", TimeSpan.FromSeconds(15));
        Assert.False(loop.HasExited, loop.Output);
    }

    private static string Slice(string service, string address) => $$$"""
        {"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
         "metadata": {"name": "{{{service}}}-abcde", "namespace": "default", "labels": {"kubernetes.io/service-name": "{{{service}}}"}},
         "addressType": "IPv4",
         "endpoints": [{"addresses": ["{{{address}}}"], "conditions": {"ready": true}, "targetRef": {"kind": "Pod", "name": "{{{service}}}-0", "namespace": "default"}}]}
        """;
}

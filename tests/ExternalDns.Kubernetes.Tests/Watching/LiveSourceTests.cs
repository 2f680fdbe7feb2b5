using System.Diagnostics;
using ExternalDns.Core.Sources;
using ExternalDns.Kubernetes.Client;
using ExternalDns.Kubernetes.Sources;
using ExternalDns.Kubernetes.Watching;
using ExternalDns.Testing.Kubernetes;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Kubernetes.Tests.Watching;

/// <summary>
/// The live source against the Kubernetes API emulator: the generic informer path for custom resources, a CRD that is
/// not installed (one warning, the other sources keep working, the kind's records are kept) and installed later, and
/// the RBAC table covering every request each source makes.
/// </summary>
public sealed class LiveSourceTests : IAsyncLifetime
{
    private readonly string _kubeconfig = Path.Combine(Path.GetTempPath(), $"kubeconfig-live-{Guid.NewGuid():N}");
    private readonly ListLoggerFactory _logs = new();
    private KubeApiServer _api = null!;
    private KubeApiClient _client = null!;

    public async Task InitializeAsync()
    {
        var catalog = KubeResourceCatalog.CreateDefault();
        RemovedRoutes = catalog.Remove("httproutes.gateway.networking.k8s.io");
        _api = await KubeApiServer.StartAsync(new KubeApiServerOptions { Resources = catalog });
        _api.WriteKubeconfig(_kubeconfig);
        var configuration = new KubeConfigLoader().Load(new KubeClientOptions { KubeConfig = _kubeconfig });
        _client = new KubeApiClient(configuration, new KubeClientOptions { Qps = 0 });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
        File.Delete(_kubeconfig);
    }

    private IReadOnlyList<KubeResourceType> RemovedRoutes { get; set; } = [];

    /// <summary>Waits until requests still in flight from a disposed source have arrived (none for 150 ms).</summary>
    private async Task QuietAsync()
    {
        var count = -1;
        while (count != _api.Requests.All.Count)
        {
            count = _api.Requests.All.Count;
            await Task.Delay(150);
        }
    }

    private KubernetesSource Source(IReadOnlyList<string> sources, bool listenerSets = false)
    {
        var mapping = new MappingOptions { Sources = [.. sources], PublishPods = sources.Contains("pod"), PublishNodes = sources.Contains("node"), TraefikEnableLegacy = true, GatewayListenerSets = listenerSets };
        return new KubernetesSource(
            _client,
            new KubernetesSourceOptions
            {
                Services = sources.Contains("service"),
                Ingresses = sources.Contains("ingress"),
                DnsEndpoints = sources.Contains("crd"),
                Nodes = sources.Contains("node"),
                GatewayRouteSources = [.. sources.Where(s => s.StartsWith("gateway-", StringComparison.Ordinal))],
                GatewayListenerSets = listenerSets,
                Traefik = sources.Contains("traefik-proxy"),
                TraefikEnableLegacy = true,
                IstioGateways = sources.Contains("istio-gateway"),
                IstioVirtualServices = sources.Contains("istio-virtualservice"),
                ContourHttpProxies = sources.Contains("contour-httpproxy"),
                Pods = sources.Contains("pod"),
                InitialSyncTimeout = TimeSpan.FromSeconds(10),
                InformerDefaults = new InformerOptions { InitialBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(300) },
            },
            MappingSettings.Create(mapping),
            TimeProvider.System,
            _logs);
    }

    [Fact]
    public async Task A_missing_crd_is_reported_once_its_records_are_kept_and_the_other_sources_keep_working_until_it_is_installed()
    {
        _api.Put(Objects.Service("web", "web.example.org", "192.0.2.10"));
        _api.Put(Objects.Gateway("edge", "192.0.2.20"));
        await using var source = Source(["service", "gateway-httproute"]);
        source.Start();

        var first = await source.EndpointsAsync(CancellationToken.None);
        Assert.True(first.IsReady, first.IncompleteReason);
        Assert.True(first.IsComplete);
        Assert.Contains(first.Endpoints, e => e.DnsName == "web.example.org");
        Assert.Equal(["httproute"], first.UnresolvedKinds);
        Assert.True(first.IsUnresolved("httproute/default/any"));
        Assert.False(first.IsUnresolved("service/default/web"));

        // Later reconciles do not repeat the warning.
        await source.EndpointsAsync(CancellationToken.None);
        await source.EndpointsAsync(CancellationToken.None);
        Assert.Equal(1, _logs.Count(LogLevel.Warning, "HTTPRoute is not served by the API server (404 for httproutes.gateway.networking.k8s.io, version gateway.networking.k8s.io/v1)"));
        Assert.Equal(1, _logs.Count(LogLevel.Warning, "the records of httproute/… are kept unchanged"));

        // The CRD is installed and a route created: picked up at the next look (MaxBackoff), without a restart.
        foreach (var type in RemovedRoutes)
        {
            _api.Resources.Add(type);
        }

        _api.Put(Objects.HttpRoute("web-route", "route.example.org", "edge", accepted: true));
        var clock = Stopwatch.StartNew();
        SourceResult result;
        do
        {
            await Task.Delay(50);
            result = await source.EndpointsAsync(CancellationToken.None);
        }
        while (result.UnresolvedKinds.Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(10));

        Assert.Empty(result.UnresolvedKinds);
        var route = Assert.Single(result.Endpoints, e => e.DnsName == "route.example.org");
        Assert.Equal("192.0.2.20", route.Targets[0]);
        Assert.Equal("httproute/default/web-route", route.Labels.Resource);
        Assert.Equal(1, _logs.Count(LogLevel.Information, "HTTPRoute (httproutes.gateway.networking.k8s.io, version gateway.networking.k8s.io/v1) is served now"));
    }

    [Fact]
    public async Task The_first_lists_bring_no_change_notice_the_first_pass_sees_them_and_later_changes_do()
    {
        for (var i = 0; i < 5; i++)
        {
            _api.Put(Objects.Service($"web-{i}", $"web-{i}.example.org", $"192.0.2.{10 + i}"));
        }

        await using var source = Source(["service"]);
        var changes = 0;
        source.Changed += () => Interlocked.Increment(ref changes);
        source.Start();
        while (!source.HasSynced)
        {
            await Task.Delay(20);
        }

        // The objects listed before the first pass are what that pass reads: no notice for them (each would bring a
        // second full pass right after the first with --events).
        Assert.Equal(0, Volatile.Read(ref changes));
        var first = await source.EndpointsAsync(CancellationToken.None);
        Assert.Equal(5, first.Endpoints.Count);

        _api.Put(Objects.Service("web-new", "web-new.example.org", "192.0.2.99"));
        var clock = Stopwatch.StartNew();
        while (Volatile.Read(ref changes) == 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        Assert.True(Volatile.Read(ref changes) > 0, "a change after the first pass raised no notice");
    }

    [Fact]
    public async Task Every_request_of_each_live_source_is_covered_by_its_rbac_rules()
    {
        foreach (var type in RemovedRoutes)
        {
            _api.Resources.Add(type);
        }

        foreach (var name in SourceRbac.BySource.Keys)
        {
            await QuietAsync();
            var before = _api.Requests.All.Count;
            await using (var source = Source([name], listenerSets: true))
            {
                source.Start();
                var result = await source.EndpointsAsync(CancellationToken.None);
                Assert.True(result.IsReady, $"{name}: {result.IncompleteReason}");
                Assert.Empty(result.UnresolvedKinds);
            }

            var rules = SourceRbac.For([name]);
            var requests = _api.Requests.All.Skip(before).Where(r => r.Resource is not null).ToList();
            Assert.NotEmpty(requests);
            foreach (var request in requests)
            {
                var group = request.Path.StartsWith("/api/", StringComparison.Ordinal) ? string.Empty : request.Path.Split('/')[2];
                Assert.True(
                    rules.Any(r => r.ApiGroup == group && r.Resource == request.Resource && r.Verbs.Contains(request.Verb)),
                    $"{name}: {request.Verb} {request.Path} is not covered by its rules ({string.Join("; ", rules)})");
            }
        }
    }

    [Fact]
    public async Task Every_new_source_maps_the_objects_the_api_serves()
    {
        foreach (var type in RemovedRoutes)
        {
            _api.Resources.Add(type);
        }

        _api.Put(Objects.Gateway("edge", "192.0.2.20"));
        _api.Put(Objects.HttpRoute("web-route", "route.example.org", "edge", accepted: true));
        _api.Put("""
            {"apiVersion": "traefik.io/v1alpha1", "kind": "IngressRoute", "metadata": {"name": "shop", "namespace": "default",
             "annotations": {"external-dns.kubernetes.io/target": "lb.example.net"}},
             "spec": {"routes": [{"match": "Host(`shop.example.org`)", "kind": "Rule"}]}}
            """);
        _api.Put("""
            {"apiVersion": "traefik.containo.us/v1alpha1", "kind": "IngressRouteTCP", "metadata": {"name": "db", "namespace": "default",
             "annotations": {"external-dns.kubernetes.io/target": "192.0.2.30"}},
             "spec": {"routes": [{"match": "HostSNI(`db.example.org`)"}]}}
            """);
        _api.Put("""
            {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "istio-ingressgateway", "namespace": "default"},
             "spec": {"type": "LoadBalancer", "selector": {"istio": "ingressgateway"}, "ports": [{"port": 80}]},
             "status": {"loadBalancer": {"ingress": [{"ip": "192.0.2.40"}]}}}
            """);
        _api.Put("""
            {"apiVersion": "networking.istio.io/v1", "kind": "Gateway", "metadata": {"name": "public", "namespace": "default"},
             "spec": {"selector": {"istio": "ingressgateway"}, "servers": [{"hosts": ["*/mesh.example.org", "*/*.apps.example.org"], "port": {"number": 80, "name": "http", "protocol": "HTTP"}}]}}
            """);
        _api.Put("""
            {"apiVersion": "networking.istio.io/v1", "kind": "VirtualService", "metadata": {"name": "reviews", "namespace": "default"},
             "spec": {"hosts": ["reviews.apps.example.org"], "gateways": ["public"]}}
            """);
        _api.Put("""
            {"apiVersion": "projectcontour.io/v1", "kind": "HTTPProxy", "metadata": {"name": "blog", "namespace": "default"},
             "spec": {"virtualhost": {"fqdn": "blog.example.org"}}, "status": {"loadBalancer": {"ingress": [{"hostname": "contour.example.net"}]}}}
            """);
        _api.Put("""
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "worker", "namespace": "default",
             "annotations": {"external-dns.kubernetes.io/internal-hostname": "worker.internal.example.org"}},
             "spec": {"nodeName": "n1", "containers": [{"name": "c", "image": "x"}]}, "status": {"podIP": "10.1.2.3"}}
            """);

        await using var source = Source(["gateway-httproute", "traefik-proxy", "istio-gateway", "istio-virtualservice", "contour-httpproxy", "pod"]);
        source.Start();
        var result = await source.EndpointsAsync(CancellationToken.None);

        Assert.True(result.IsReady, result.IncompleteReason);
        Assert.Empty(result.UnresolvedKinds);
        var records = result.Endpoints.Select(e => $"{e.DnsName} {e.RecordType} {e.Targets} {e.Labels.Resource ?? "-"}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
        [
            "*.apps.example.org A 192.0.2.40 gateway/default/public",
            "blog.example.org CNAME contour.example.net HTTPProxy/default/blog",
            "db.example.org A 192.0.2.30 ingressroutetcp/default/db",
            "mesh.example.org A 192.0.2.40 gateway/default/public",
            "reviews.apps.example.org A 192.0.2.40 virtualservice/default/reviews",
            "route.example.org A 192.0.2.20 httproute/default/web-route",
            "shop.example.org CNAME lb.example.net ingressroute/default/shop",
            "worker.internal.example.org A 10.1.2.3 -",
        ], records, StringComparer.Ordinal);

        // The Istio Gateway's Service is read to resolve targets, not published (--source=service is not set).
        Assert.DoesNotContain(result.Endpoints, e => e.Labels.Resource?.StartsWith("service/", StringComparison.Ordinal) == true);
    }
}

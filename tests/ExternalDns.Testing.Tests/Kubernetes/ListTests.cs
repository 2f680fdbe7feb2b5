using System.Text.Json.Nodes;
using ExternalDns.Testing.Kubernetes;

namespace ExternalDns.Testing.Tests.Kubernetes;

public sealed class ListTests : IAsyncLifetime
{
    private KubeApiServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await KubeApiServer.StartAsync();
        _client = _server.CreateHttpClient();
        foreach (var (name, ns, app, tier) in new[] { ("a", "one", "web", "front"), ("b", "one", "db", "back"), ("c", "two", "web", "back"), ("d", "two", "cache", null), ("e", "two", null, null) })
        {
            var labels = new Dictionary<string, string>();
            if (app is not null)
            {
                labels["app"] = app;
            }

            if (tier is not null)
            {
                labels["tier"] = tier;
            }

            _server.Put("services", Fixtures.Service(name, ns, labels));
        }
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task List_has_kind_list_resource_version_and_items_sorted_by_namespace_and_name()
    {
        var list = await Fixtures.ReadAsync(await _client.GetAsync("/api/v1/services"));

        Assert.Equal("ServiceList", KubeJson.GetString(list, "kind"));
        Assert.Equal("v1", KubeJson.GetString(list, "apiVersion"));
        Assert.Equal(_server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), Fixtures.Rv(list));
        Assert.Equal(["a", "b", "c", "d", "e"], Fixtures.Names(list));
        Assert.Equal(["c", "d", "e"], Fixtures.Names(await Fixtures.ReadAsync(await _client.GetAsync("/api/v1/namespaces/two/services"))));
    }

    [Fact]
    public async Task Pagination_returns_every_item_once_with_a_continue_token_and_remaining_count()
    {
        var names = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var list = await Fixtures.ReadAsync(await _client.GetAsync("/api/v1/services?limit=2" + (token is null ? string.Empty : "&continue=" + Uri.EscapeDataString(token))));
            names.AddRange(Fixtures.Names(list));
            token = KubeJson.GetString((JsonObject)list["metadata"]!, "continue");
            if (token is not null)
            {
                Assert.Equal(5 - names.Count, list["metadata"]!["remainingItemCount"]!.GetValue<int>());
            }

            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(["a", "b", "c", "d", "e"], names);
    }

    [Fact]
    public async Task Continue_token_after_compaction_is_410_expired_and_a_garbled_one_is_400()
    {
        var first = await Fixtures.ReadAsync(await _client.GetAsync("/api/v1/services?limit=2"));
        var token = KubeJson.GetString((JsonObject)first["metadata"]!, "continue")!;
        _server.Put("services", Fixtures.Service("f", "one"));
        _server.Faults.CompactHistory();

        await Fixtures.AssertStatusAsync(await _client.GetAsync("/api/v1/services?limit=2&continue=" + Uri.EscapeDataString(token)), 410, "Expired");
        await Fixtures.AssertStatusAsync(await _client.GetAsync("/api/v1/services?limit=2&continue=not-a-token"), 400, "BadRequest");
    }

    [Theory]
    [InlineData("app=web", "a,c")]
    [InlineData("app==web", "a,c")]
    [InlineData("app!=web", "b,d,e")]
    [InlineData("app in (web,db)", "a,b,c")]
    [InlineData("app notin (web,db)", "d,e")]
    [InlineData("tier", "a,b,c")]
    [InlineData("!tier", "d,e")]
    [InlineData("app=web,tier=back", "c")]
    [InlineData("app in (cache), !tier", "d")]
    public async Task Label_selector(string selector, string expected)
    {
        var list = await Fixtures.ReadAsync(await _client.GetAsync("/api/v1/services?labelSelector=" + Uri.EscapeDataString(selector)));

        Assert.Equal(expected, string.Join(",", Fixtures.Names(list)));
    }

    [Theory]
    [InlineData("metadata.name=c", "c")]
    [InlineData("metadata.namespace=one", "a,b")]
    [InlineData("metadata.namespace!=one", "c,d,e")]
    [InlineData("metadata.namespace=two,metadata.name!=d", "c,e")]
    [InlineData("spec.type=ClusterIP", "a,b,c,d,e")]
    public async Task Field_selector(string selector, string expected)
    {
        var list = await Fixtures.ReadAsync(await _client.GetAsync("/api/v1/services?fieldSelector=" + Uri.EscapeDataString(selector)));

        Assert.Equal(expected, string.Join(",", Fixtures.Names(list)));
    }

    [Theory]
    [InlineData("/api/v1/nodes", "NodeList")]
    [InlineData("/api/v1/namespaces/default/pods", "PodList")]
    [InlineData("/api/v1/namespaces", "NamespaceList")]
    [InlineData("/api/v1/events", "EventList")]
    [InlineData("/apis/discovery.k8s.io/v1/namespaces/default/endpointslices", "EndpointSliceList")]
    [InlineData("/apis/networking.k8s.io/v1/ingresses", "IngressList")]
    [InlineData("/apis/networking.k8s.io/v1/ingressclasses", "IngressClassList")]
    [InlineData("/apis/externaldns.k8s.io/v1alpha1/dnsendpoints", "DNSEndpointList")]
    [InlineData("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases", "LeaseList")]
    [InlineData("/apis/events.k8s.io/v1/namespaces/default/events", "EventList")]
    public async Task Every_served_type_lists(string path, string listKind)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(listKind, KubeJson.GetString(await Fixtures.ReadAsync(response), "kind"));
    }

    [Fact]
    public async Task Cluster_scoped_objects_have_no_namespace_and_custom_list_items_keep_kind()
    {
        _server.Put("nodes", KubeJson.Parse("""{"metadata":{"name":"n1","namespace":"ignored"},"status":{"addresses":[{"type":"ExternalIP","address":"192.0.2.7"}]}}"""));
        _server.Put("dnsendpoints", Fixtures.DnsEndpoint("r", "a.example.org", "192.0.2.1"));

        var node = await Fixtures.ReadAsync(await _client.GetAsync("/api/v1/nodes/n1"));
        Assert.Null(node["metadata"]!["namespace"]);
        Assert.Equal("192.0.2.7", KubeJson.PathValue(node["status"]!["addresses"]![0], "address"));
        var crds = await Fixtures.ReadAsync(await _client.GetAsync("/apis/externaldns.k8s.io/v1alpha1/dnsendpoints"));
        Assert.Equal("DNSEndpoint", KubeJson.GetString((JsonObject)crds["items"]![0]!, "kind"));
        var services = await Fixtures.ReadAsync(await _client.GetAsync("/api/v1/services"));
        Assert.Null(services["items"]![0]!["kind"]);
    }

    [Fact]
    public async Task Malformed_label_selector_is_400()
    {
        await Fixtures.AssertStatusAsync(await _client.GetAsync("/api/v1/services?labelSelector=" + Uri.EscapeDataString("app in web")), 400, "BadRequest");
    }

    [Fact]
    public async Task Unknown_resource_and_missing_object_are_404_status()
    {
        await Fixtures.AssertStatusAsync(await _client.GetAsync("/api/v1/widgets"), 404, "NotFound");
        var response = await _client.GetAsync("/api/v1/namespaces/one/services/nope");
        Assert.Equal(404, (int)response.StatusCode);
        var status = await Fixtures.ReadAsync(response);
        Assert.Equal("services \"nope\" not found", KubeJson.GetString(status, "message"));
        Assert.Equal("nope", status["details"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Discovery_lists_every_resource_the_controller_uses()
    {
        var core = await Fixtures.ReadAsync(await _client.GetAsync("/api/v1"));
        var coreNames = ((JsonArray)core["resources"]!).Select(r => KubeJson.GetString((JsonObject)r!, "name")).ToList();
        Assert.Superset(new HashSet<string?> { "services", "nodes", "pods", "namespaces", "events", "services/status" }, coreNames.ToHashSet());

        var groups = await Fixtures.ReadAsync(await _client.GetAsync("/apis"));
        var groupNames = ((JsonArray)groups["groups"]!).Select(g => KubeJson.GetString((JsonObject)g!, "name")).ToHashSet();
        Assert.Superset(new HashSet<string?> { "networking.k8s.io", "discovery.k8s.io", "externaldns.k8s.io", "coordination.k8s.io", "events.k8s.io" }, groupNames);

        var crd = await Fixtures.ReadAsync(await _client.GetAsync("/apis/externaldns.k8s.io/v1alpha1"));
        Assert.Contains(((JsonArray)crd["resources"]!).OfType<JsonObject>(), r => KubeJson.GetString(r, "name") == "dnsendpoints/status");
        Assert.Equal("32", KubeJson.GetString(await Fixtures.ReadAsync(await _client.GetAsync("/version")), "minor"));
    }
}

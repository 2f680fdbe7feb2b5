using System.Text.Json.Nodes;
using ExternalDns.Testing.Kubernetes;

namespace ExternalDns.Testing.Tests.Kubernetes;

public sealed class WriteTests : IAsyncLifetime
{
    private const string DnsEndpoints = "/apis/externaldns.k8s.io/v1alpha1/namespaces/default/dnsendpoints";
    private KubeApiServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await KubeApiServer.StartAsync();
        _client = _server.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Create_sets_metadata_and_a_second_create_is_409_already_exists()
    {
        var response = await _client.PostAsync("/api/v1/namespaces/default/services", Fixtures.Json(Fixtures.Service("web")));

        Assert.Equal(201, (int)response.StatusCode);
        var created = await Fixtures.ReadAsync(response);
        var metadata = (JsonObject)created["metadata"]!;
        Assert.True(Guid.TryParse(KubeJson.GetString(metadata, "uid"), out _));
        Assert.NotNull(KubeJson.GetString(metadata, "creationTimestamp"));
        Assert.Equal(_server.ResourceVersion, long.Parse(Fixtures.Rv(created), System.Globalization.CultureInfo.InvariantCulture));
        await Fixtures.AssertStatusAsync(await _client.PostAsync("/api/v1/namespaces/default/services", Fixtures.Json(Fixtures.Service("web"))), 409, "AlreadyExists");
    }

    [Fact]
    public async Task Create_in_a_missing_namespace_is_404_and_generate_name_gets_a_suffix()
    {
        await Fixtures.AssertStatusAsync(await _client.PostAsync("/api/v1/namespaces/nowhere/services", Fixtures.Json(Fixtures.Service("web", "nowhere"))), 404, "NotFound");

        var body = Fixtures.Service("ignored");
        body["metadata"]!.AsObject().Remove("name");
        body["metadata"]!["generateName"] = "web-";
        var created = await Fixtures.ReadAsync(await _client.PostAsync("/api/v1/namespaces/default/services", Fixtures.Json(body)));
        Assert.Matches("^web-[a-z0-9]{5}$", KubeJson.Name(created));
    }

    [Fact]
    public async Task Put_with_a_stale_resource_version_is_409_conflict_and_with_the_current_one_succeeds()
    {
        var stored = _server.Put("services", Fixtures.Service("web"));
        var stale = (JsonObject)stored.DeepClone();
        _server.Update("services", "default", "web", s => s["spec"]!["type"] = "NodePort");

        stale["spec"]!["type"] = "LoadBalancer";
        await Fixtures.AssertStatusAsync(await _client.PutAsync("/api/v1/namespaces/default/services/web", Fixtures.Json(stale)), 409, "Conflict");

        var current = _server.Get("services", "default", "web")!;
        current["spec"]!["type"] = "LoadBalancer";
        var response = await _client.PutAsync("/api/v1/namespaces/default/services/web", Fixtures.Json(current));
        Assert.Equal(200, (int)response.StatusCode);
        Assert.NotEqual(Fixtures.Rv(current), Fixtures.Rv(await Fixtures.ReadAsync(response)));
        Assert.Equal("LoadBalancer", KubeJson.PathValue(_server.Get("services", "default", "web"), "spec.type"));
    }

    [Fact]
    public async Task Merge_patch_json_patch_and_strategic_merge_patch_change_the_object()
    {
        _server.Put("services", Fixtures.Service("web"));

        await Patch("application/merge-patch+json", """{"metadata":{"labels":{"team":"dns"}}}""");
        await Patch("application/json-patch+json", """[{"op":"add","path":"/metadata/annotations","value":{"a":"b"}},{"op":"replace","path":"/spec/type","value":"NodePort"}]""");
        await Patch("application/strategic-merge-patch+json", """{"spec":{"$setElementOrder/ports":[{"port":80},{"port":443}],"ports":[{"port":443,"name":"https"}]}}""");

        var service = _server.Get("services", "default", "web")!;
        Assert.Equal("dns", KubeJson.Labels(service)["team"]);
        Assert.Equal("b", KubeJson.PathValue(service, "metadata.annotations.a"));
        Assert.Equal("NodePort", KubeJson.PathValue(service, "spec.type"));
        Assert.Equal(2, ((JsonArray)service["spec"]!["ports"]!).Count);

        var unsupported = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/namespaces/default/services/web") { Content = Fixtures.Json(new JsonObject(), "application/apply-patch+yaml") };
        Assert.Equal(415, (int)(await _client.SendAsync(unsupported)).StatusCode);

        async Task Patch(string contentType, string body)
        {
            var request = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/namespaces/default/services/web") { Content = Fixtures.Json(JsonNode.Parse(body)!, contentType) };
            var response = await _client.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"{contentType}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task Dnsendpoint_status_subresource_is_separate_from_spec_and_generation_tracks_spec()
    {
        var created = await Fixtures.ReadAsync(await _client.PostAsync(DnsEndpoints, Fixtures.Json(Fixtures.DnsEndpoint("r", "a.example.org", "192.0.2.1"))));
        Assert.Equal(1, created["metadata"]!["generation"]!.GetValue<long>());

        created["status"] = new JsonObject { ["observedGeneration"] = 1 };
        var viaMain = await Fixtures.ReadAsync(await _client.PutAsync(DnsEndpoints + "/r", Fixtures.Json(created)));
        Assert.Null(viaMain["status"]);

        var viaStatus = await Fixtures.ReadAsync(await _client.PutAsync(DnsEndpoints + "/r/status", Fixtures.Json(created)));
        Assert.Equal(1, viaStatus["status"]!["observedGeneration"]!.GetValue<int>());
        Assert.Equal(1, viaStatus["metadata"]!["generation"]!.GetValue<long>());

        var patch = new HttpRequestMessage(HttpMethod.Patch, DnsEndpoints + "/r") { Content = Fixtures.Json(JsonNode.Parse("""{"spec":{"endpoints":[]}}""")!, "application/merge-patch+json") };
        var patched = await Fixtures.ReadAsync(await _client.SendAsync(patch));
        Assert.Equal(2, patched["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal(1, patched["status"]!["observedGeneration"]!.GetValue<int>());

        var statusPatch = new HttpRequestMessage(HttpMethod.Patch, DnsEndpoints + "/r/status") { Content = Fixtures.Json(JsonNode.Parse("""{"status":{"observedGeneration":2},"spec":{"ignored":true}}""")!, "application/merge-patch+json") };
        var statusPatched = await Fixtures.ReadAsync(await _client.SendAsync(statusPatch));
        Assert.Equal(2, statusPatched["status"]!["observedGeneration"]!.GetValue<int>());
        Assert.Null(statusPatched["spec"]!["ignored"]);
        Assert.Equal(2, statusPatched["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task Custom_resource_put_without_resource_version_is_422()
    {
        _server.Put("dnsendpoints", Fixtures.DnsEndpoint("r", "a.example.org", "192.0.2.1"));

        await Fixtures.AssertStatusAsync(await _client.PutAsync(DnsEndpoints + "/r", Fixtures.Json(Fixtures.DnsEndpoint("r", "a.example.org", "192.0.2.9"))), 422, "Invalid");
    }

    [Fact]
    public async Task Delete_returns_the_object_then_404_and_finalizers_delay_deletion()
    {
        _server.Put("services", Fixtures.Service("web"));
        Assert.Equal(200, (int)(await _client.DeleteAsync("/api/v1/namespaces/default/services/web")).StatusCode);
        await Fixtures.AssertStatusAsync(await _client.DeleteAsync("/api/v1/namespaces/default/services/web"), 404, "NotFound");

        var held = Fixtures.Service("held");
        held["metadata"]!["finalizers"] = new JsonArray("example.org/hold");
        _server.Put("services", held);
        Assert.Equal(202, (int)(await _client.DeleteAsync("/api/v1/namespaces/default/services/held")).StatusCode);
        Assert.NotNull(KubeJson.PathValue(_server.Get("services", "default", "held"), "metadata.deletionTimestamp"));

        _server.Update("services", "default", "held", s => s["metadata"]!.AsObject().Remove("finalizers"));
        Assert.Null(_server.Get("services", "default", "held"));
    }
}

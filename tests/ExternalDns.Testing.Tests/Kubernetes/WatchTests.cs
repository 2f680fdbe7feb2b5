using System.Text.Json.Nodes;
using ExternalDns.Testing.Kubernetes;

namespace ExternalDns.Testing.Tests.Kubernetes;

public sealed class WatchTests : IAsyncLifetime
{
    private KubeApiServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await KubeApiServer.StartAsync(new KubeApiServerOptions { BookmarkInterval = Timeout.InfiniteTimeSpan, WatchHistoryCapacity = 50 });
        _client = _server.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private static string Type(JsonObject? e) => KubeJson.GetString(e, "type")!;

    private static string Name(JsonObject? e) => KubeJson.Name((JsonObject)e!["object"]!);

    [Fact]
    public async Task Watch_without_resource_version_replays_current_objects_as_added_then_streams_changes()
    {
        _server.Put("services", Fixtures.Service("existing"));
        using var watch = await WatchReader.OpenAsync(_client, "/api/v1/namespaces/default/services?watch=1");

        var first = await watch.NextAsync();
        Assert.Equal(("ADDED", "existing"), (Type(first), Name(first)));
        Assert.Equal("Service", KubeJson.GetString((JsonObject)first!["object"]!, "kind"));

        _server.Update("services", "default", "existing", s => s["spec"]!["type"] = "NodePort");
        var modified = await watch.NextAsync();
        Assert.Equal(("MODIFIED", "existing"), (Type(modified), Name(modified)));
        Assert.Equal(_server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), Fixtures.Rv((JsonObject)modified!["object"]!));

        _server.Delete("services", "default", "existing");
        Assert.Equal("DELETED", Type(await watch.NextAsync()));
    }

    [Fact]
    public async Task Watch_resumes_after_a_list_resource_version_with_only_later_changes()
    {
        _server.Put("services", Fixtures.Service("before"));
        var list = await Fixtures.ReadAsync(await _client.GetAsync("/api/v1/services"));
        _server.Put("services", Fixtures.Service("after1"));
        _server.Put("services", Fixtures.Service("after2"));

        using var watch = await WatchReader.OpenAsync(_client, $"/api/v1/services?watch=true&resourceVersion={Fixtures.Rv(list)}");

        Assert.Equal("after1", Name(await watch.NextAsync()));
        Assert.Equal("after2", Name(await watch.NextAsync()));
        Assert.True(await watch.QuietForAsync(0.3));
    }

    [Fact]
    public async Task Too_old_resource_version_is_an_error_event_with_410_expired()
    {
        _server.Put("services", Fixtures.Service("x"));
        var old = _server.ResourceVersion;
        _server.Put("services", Fixtures.Service("y"));
        _server.Faults.CompactHistory();

        using var watch = await WatchReader.OpenAsync(_client, $"/api/v1/services?watch=1&resourceVersion={old}");
        var error = await watch.NextAsync();

        Assert.Equal(200, watch.StatusCode);
        Assert.Equal("ERROR", Type(error));
        var status = (JsonObject)error!["object"]!;
        Assert.Equal(410, status["code"]!.GetValue<int>());
        Assert.Equal("Expired", KubeJson.GetString(status, "reason"));
        Assert.StartsWith("too old resource version: ", KubeJson.GetString(status, "message"), StringComparison.Ordinal);
        Assert.Null(await watch.NextAsync());
    }

    [Fact]
    public async Task Bounded_history_expires_resource_versions_older_than_its_capacity()
    {
        var old = _server.ResourceVersion;
        for (var i = 0; i < 60; i++)
        {
            _server.Put("services", Fixtures.Service("s" + i));
        }

        using var watch = await WatchReader.OpenAsync(_client, $"/api/v1/services?watch=1&resourceVersion={old}");
        Assert.Equal("ERROR", Type(await watch.NextAsync()));
    }

    [Fact]
    public async Task Bookmarks_are_sent_only_when_allowed_and_carry_the_current_resource_version()
    {
        _server.Put("services", Fixtures.Service("a"));
        var rv = _server.ResourceVersion;
        using var with = await WatchReader.OpenAsync(_client, $"/api/v1/services?watch=1&allowWatchBookmarks=true&resourceVersion={rv}");
        using var without = await WatchReader.OpenAsync(_client, $"/api/v1/services?watch=1&resourceVersion={rv}");
        await WaitForWatchersAsync(2);
        _server.Put("pods", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "p", ["namespace"] = "default" } });

        _server.SendBookmarks();

        var bookmark = await with.NextAsync();
        Assert.Equal("BOOKMARK", Type(bookmark));
        Assert.Equal("Service", KubeJson.GetString((JsonObject)bookmark!["object"]!, "kind"));
        Assert.Equal(_server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), Fixtures.Rv((JsonObject)bookmark["object"]!));
        Assert.True(await without.QuietForAsync(0.3));
    }

    [Fact]
    public async Task Send_initial_events_ends_with_an_initial_events_end_bookmark()
    {
        _server.Put("services", Fixtures.Service("a"));
        using var watch = await WatchReader.OpenAsync(_client, "/api/v1/services?watch=1&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan");

        Assert.Equal("ADDED", Type(await watch.NextAsync()));
        var bookmark = await watch.NextAsync();
        Assert.Equal("BOOKMARK", Type(bookmark));
        Assert.Equal("true", bookmark!["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]!.GetValue<string>());
    }

    [Fact]
    public async Task Label_selector_watch_turns_objects_entering_and_leaving_the_selection_into_added_and_deleted()
    {
        _server.Put("services", Fixtures.Service("s", labels: new Dictionary<string, string> { ["app"] = "other" }));
        using var watch = await WatchReader.OpenAsync(_client, $"/api/v1/services?watch=1&labelSelector=app%3Dweb&resourceVersion={_server.ResourceVersion}");

        _server.Update("services", "default", "s", s => s["metadata"]!["labels"]!["app"] = "web");
        Assert.Equal("ADDED", Type(await watch.NextAsync()));
        _server.Update("services", "default", "s", s => s["metadata"]!["annotations"] = new JsonObject { ["x"] = "y" });
        Assert.Equal("MODIFIED", Type(await watch.NextAsync()));
        _server.Update("services", "default", "s", s => s["metadata"]!["labels"]!["app"] = "other");
        Assert.Equal("DELETED", Type(await watch.NextAsync()));
    }

    [Fact]
    public async Task Field_selector_and_legacy_watch_path_see_only_the_named_object()
    {
        var rv = _server.ResourceVersion;
        _server.Put("services", Fixtures.Service("other"));
        _server.Put("services", Fixtures.Service("mine"));
        using var selected = await WatchReader.OpenAsync(_client, $"/api/v1/namespaces/default/services?watch=1&fieldSelector=metadata.name%3Dmine&resourceVersion={rv}");
        using var legacy = await WatchReader.OpenAsync(_client, $"/api/v1/watch/namespaces/default/services/mine?resourceVersion={rv}");

        Assert.Equal("mine", Name(await selected.NextAsync()));
        Assert.Equal("mine", Name(await legacy.NextAsync()));
        Assert.True(await selected.QuietForAsync(0.2));
    }

    [Fact]
    public async Task A_change_that_changes_nothing_keeps_the_resource_version_and_sends_no_event()
    {
        var stored = _server.Put("services", Fixtures.Service("same"));
        using var watch = await WatchReader.OpenAsync(_client, $"/api/v1/services?watch=1&resourceVersion={_server.ResourceVersion}");

        var again = _server.Put("services", Fixtures.Service("same"));

        Assert.Equal(Fixtures.Rv(stored), Fixtures.Rv(again));
        Assert.True(await watch.QuietForAsync(0.3));
    }

    [Fact]
    public async Task Timeout_seconds_ends_the_stream_cleanly()
    {
        using var watch = await WatchReader.OpenAsync(_client, $"/api/v1/services?watch=1&timeoutSeconds=1&resourceVersion={_server.ResourceVersion}");

        Assert.Null(await watch.NextAsync(seconds: 5));
    }

    private async Task WaitForWatchersAsync(int count)
    {
        for (var i = 0; i < 100 && _server.Store.OpenWatchCount < count; i++)
        {
            await Task.Delay(20);
        }

        Assert.Equal(count, _server.Store.OpenWatchCount);
    }
}

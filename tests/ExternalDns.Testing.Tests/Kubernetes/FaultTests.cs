using System.Diagnostics;
using System.Text.Json.Nodes;
using ExternalDns.Testing.Kubernetes;

namespace ExternalDns.Testing.Tests.Kubernetes;

public sealed class FaultTests : IAsyncLifetime
{
    private KubeApiServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await KubeApiServer.StartAsync(new KubeApiServerOptions { BookmarkInterval = Timeout.InfiniteTimeSpan });
        _client = _server.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Drop_watches_ends_open_streams_cleanly()
    {
        using var watch = await WatchReader.OpenAsync(_client, $"/api/v1/services?watch=1&resourceVersion={_server.ResourceVersion}");

        _server.Faults.DropWatches();

        Assert.Null(await watch.NextAsync());
        Assert.Equal(0, _server.Store.OpenWatchCount);
    }

    [Fact]
    public async Task Drop_watches_with_abort_resets_the_stream()
    {
        using var watch = await WatchReader.OpenAsync(_client, $"/api/v1/services?watch=1&resourceVersion={_server.ResourceVersion}");

        _server.Faults.DropWatches(abort: true);

        await Assert.ThrowsAnyAsync<IOException>(() => watch.NextAsync());
    }

    [Fact]
    public async Task Expire_next_watches_answers_that_many_watches_with_410_then_recovers()
    {
        _server.Faults.ExpireNextWatches(2);

        for (var i = 0; i < 2; i++)
        {
            using var expired = await WatchReader.OpenAsync(_client, $"/api/v1/services?watch=1&resourceVersion={_server.ResourceVersion}");
            var error = await expired.NextAsync();
            Assert.Equal("ERROR", KubeJson.GetString(error, "type"));
            Assert.Equal(410, error!["object"]!["code"]!.GetValue<int>());
        }

        using var ok = await WatchReader.OpenAsync(_client, $"/api/v1/services?watch=1&resourceVersion={_server.ResourceVersion}");
        _server.Put("services", Fixtures.Service("web"));
        Assert.Equal("ADDED", KubeJson.GetString(await ok.NextAsync(), "type"));

        _server.Faults.ExpireNextWatches(1, asHttpStatus: true);
        await Fixtures.AssertStatusAsync(await _client.GetAsync("/api/v1/services?watch=1"), 410, "Expired");
    }

    [Fact]
    public async Task Fail_next_requests_fails_only_matching_paths_and_only_that_many()
    {
        _server.Faults.FailNextRequests(2, 500, pathPrefix: "/api/v1/services");

        Assert.Equal(200, (int)(await _client.GetAsync("/api/v1/pods")).StatusCode);
        await Fixtures.AssertStatusAsync(await _client.GetAsync("/api/v1/services"), 500, "InternalError");
        await Fixtures.AssertStatusAsync(await _client.GetAsync("/api/v1/services"), 500, "InternalError");
        Assert.Equal(200, (int)(await _client.GetAsync("/api/v1/services")).StatusCode);

        _server.Faults.FailNextRequests(1, 429);
        var throttled = await _client.GetAsync("/api/v1/pods");
        Assert.Equal(429, (int)throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), throttled.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Response_delay_slows_matching_requests()
    {
        _server.Faults.DelayResponses(TimeSpan.FromMilliseconds(400), "/api/v1/services");

        var stopwatch = Stopwatch.StartNew();
        await _client.GetAsync("/api/v1/services");
        Assert.True(stopwatch.ElapsedMilliseconds >= 380, $"took {stopwatch.ElapsedMilliseconds} ms");

        _server.Faults.DelayResponses(TimeSpan.Zero);
        stopwatch.Restart();
        await _client.GetAsync("/api/v1/services");
        Assert.True(stopwatch.ElapsedMilliseconds < 380, $"took {stopwatch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Missing_wrong_expired_and_rotated_tokens_are_401_status()
    {
        using var anonymous = _server.CreateHttpClient(authenticate: false);
        await Fixtures.AssertStatusAsync(await anonymous.GetAsync("/api/v1/services"), 401, "Unauthorized");

        var oldToken = _server.Token;
        var newToken = _server.RotateToken();
        Assert.NotEqual(oldToken, newToken);
        await Fixtures.AssertStatusAsync(await _client.GetAsync("/version"), 401, "Unauthorized");
        using (var rotated = _server.CreateHttpClient())
        {
            Assert.Equal(200, (int)(await rotated.GetAsync("/version")).StatusCode);
            _server.ExpireToken();
            await Fixtures.AssertStatusAsync(await rotated.GetAsync("/api/v1/services"), 401, "Unauthorized");
        }
    }

    [Fact]
    public async Task Requests_are_counted_by_verb_and_path()
    {
        _server.Requests.Clear();
        await _client.GetAsync("/api/v1/namespaces/default/services");
        await _client.GetAsync("/api/v1/services");
        await _client.PostAsync("/api/v1/namespaces/default/services", Fixtures.Json(Fixtures.Service("web")));
        using (var watch = await WatchReader.OpenAsync(_client, "/api/v1/services?watch=1&timeoutSeconds=1"))
        {
            Assert.Equal(1, _server.Requests.Count("watch"));
        }

        Assert.Equal(2, _server.Requests.Count("list"));
        Assert.Equal(1, _server.Requests.Count("list", "/api/v1/namespaces/default/"));
        Assert.Equal(1, _server.Requests.Count("create"));
        Assert.Equal(4, _server.Requests.Count());
    }

    [Fact]
    public void Kubeconfig_names_the_server_ca_and_token()
    {
        var path = Path.Combine(Path.GetTempPath(), "kubeconfig-" + Guid.NewGuid().ToString("N"));
        try
        {
            _server.WriteKubeconfig(path);
            var text = File.ReadAllText(path);
            Assert.Contains($"server: https://127.0.0.1:{_server.Port}", text, StringComparison.Ordinal);
            Assert.Contains($"token: \"{_server.Token}\"", text, StringComparison.Ordinal);
            Assert.Contains("certificate-authority-data: " + Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(_server.CaCertificatePem)), text, StringComparison.Ordinal);
            Assert.StartsWith("-----BEGIN CERTIFICATE-----", _server.CaCertificatePem, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ExternalDns.Kubernetes.Client;

namespace ExternalDns.Kubernetes.Tests.Client;

public sealed class KubeApiClientTests
{
    private static readonly KubeClientConfiguration Config = new()
    {
        Server = new Uri("https://k8s.example:6443/prefix/"),
        Credentials = KubeCredentialProvider.FromToken("tok", "test user"),
    };

    private static KubeApiClient Client(FakeKubeHandler handler, TimeProvider? time = null, KubeClientOptions? options = null) =>
        new(Config, options ?? new KubeClientOptions { Qps = 0 }, handler, time);

    [Theory]
    [InlineData("", "v1", "services", true, "ns", "web", null, "/api/v1/namespaces/ns/services/web")]
    [InlineData("", "v1", "services", true, null, null, null, "/api/v1/services")]
    [InlineData("", "v1", "nodes", false, null, "n1", null, "/api/v1/nodes/n1")]
    [InlineData("networking.k8s.io", "v1", "ingresses", true, "a", "b", "status", "/apis/networking.k8s.io/v1/namespaces/a/ingresses/b/status")]
    [InlineData("externaldns.k8s.io", "v1alpha1", "dnsendpoints", true, "ns", null, null, "/apis/externaldns.k8s.io/v1alpha1/namespaces/ns/dnsendpoints")]
    public void Resource_paths(string group, string version, string plural, bool namespaced, string? ns, string? name, string? sub, string expected) =>
        Assert.Equal(expected, new KubeResource(group, version, plural, namespaced).Path(ns, name, sub));

    [Fact]
    public async Task List_follows_continue_tokens_with_selectors_and_reads_metadata()
    {
        var handler = new FakeKubeHandler();
        handler.EnqueueJson(Svc.List("100", "tok-1", Svc.Json("a", "s1", "90"), Svc.Json("a", "s2", "91")));
        handler.EnqueueJson(Svc.List("100", "tok-2", Svc.Json("b", "s3", "92")));
        handler.EnqueueJson(Svc.List("100", null, Svc.Json("b", "s4", "93", ip: "10.1.1.1")));
        using var client = Client(handler);

        var result = await client.ListAsync(KubeResource.Services, null, TestJsonContext.Default.TestService,
            new ListOptions { LabelSelector = "app in (web,api),tier!=db", FieldSelector = "metadata.name=x", PageSize = 2 });

        Assert.Equal(3, result.Pages);
        Assert.Equal("100", result.ResourceVersion);
        Assert.Equal(["a/s1", "a/s2", "b/s3", "b/s4"], result.Items.Select(i => i.Metadata.Key));
        Assert.Equal("10.1.1.1", result.Items[3].Object.Spec!.ClusterIP);
        var requests = handler.Requests.ToList();
        Assert.All(requests, r => Assert.Equal("/prefix/api/v1/services", r.Path));
        Assert.All(requests, r => Assert.Equal("app in (web,api),tier!=db", r.Query("labelSelector")));
        Assert.All(requests, r => Assert.Equal("metadata.name=x", r.Query("fieldSelector")));
        Assert.All(requests, r => Assert.Equal("2", r.Query("limit")));
        Assert.Equal([null, "tok-1", "tok-2"], requests.Select(r => r.Query("continue")));
        Assert.All(requests, r => Assert.Equal("Bearer tok", r.Authorization));
        Assert.All(requests, r => Assert.Contains("external-dns", r.Headers, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Expired_continue_token_restarts_as_one_full_list()
    {
        var handler = new FakeKubeHandler();
        handler.EnqueueJson(Svc.List("100", "tok-1", Svc.Json("a", "s1", "90")));
        handler.Enqueue(_ => FakeKubeHandler.Status(410, "Expired", "The provided continue parameter is too old"));
        handler.EnqueueJson(Svc.List("120", null, Svc.Json("a", "s1", "90"), Svc.Json("a", "s2", "110")));
        using var client = Client(handler);

        var result = await client.ListAsync(KubeResource.Services, "a", TestJsonContext.Default.TestService, new ListOptions { PageSize = 1 });

        Assert.Equal(["a/s1", "a/s2"], result.Items.Select(i => i.Metadata.Key));
        Assert.Equal("120", result.ResourceVersion);
        var last = handler.Requests.Last();
        Assert.Null(last.Query("limit"));
        Assert.Null(last.Query("continue"));
    }

    [Fact]
    public async Task Get_returns_null_on_404_and_the_object_otherwise()
    {
        var handler = new FakeKubeHandler();
        handler.Enqueue(_ => FakeKubeHandler.Status(404, "NotFound", "services \"x\" not found"));
        handler.EnqueueJson(Svc.Json("ns", "y", "5"));
        using var client = Client(handler);
        Assert.Null(await client.GetAsync(KubeResource.Services, "ns", "x", TestJsonContext.Default.TestService));
        Assert.Equal("y", (await client.GetAsync(KubeResource.Services, "ns", "y", TestJsonContext.Default.TestService))!.Metadata.Name);
    }

    [Fact]
    public async Task Writes_have_the_right_verbs_paths_and_content_types()
    {
        var handler = new FakeKubeHandler { Fallback = r => Task.FromResult(FakeKubeHandler.Json(r.Body is ['{', ..] ? r.Body : Svc.Json("ns", "s", "1"))) };
        using var client = Client(handler);
        var svc = new TestService { Metadata = new KubeObjectMeta { Name = "s", Namespace = "ns", ResourceVersion = "7" }, Spec = new() { Port = 80 } };

        await client.CreateAsync(KubeResource.Services, "ns", svc, TestJsonContext.Default.TestService);
        await client.UpdateAsync(KubeResource.Services, "ns", "s", svc, TestJsonContext.Default.TestService);
        await client.UpdateStatusAsync(KubeResource.Services, "ns", "s", svc, TestJsonContext.Default.TestService);
        await client.PatchAsync(KubeResource.Services, "ns", "s", """{"spec":{"port":81}}""", TestJsonContext.Default.TestService);
        await client.PatchStatusAsync(KubeResource.Services, "ns", "s", """{"status":{}}""", TestJsonContext.Default.TestService);
        await client.PatchAsync(KubeResource.Services, "ns", "s", "[]", TestJsonContext.Default.TestService, PatchType.Json);
        handler.Fallback = _ => Task.FromResult(FakeKubeHandler.Json("{}"));
        Assert.True(await client.DeleteAsync(KubeResource.Services, "ns", "s"));

        var r = handler.Requests.ToList();
        Assert.Equal(
            [
                "POST /prefix/api/v1/namespaces/ns/services application/json",
                "PUT /prefix/api/v1/namespaces/ns/services/s application/json",
                "PUT /prefix/api/v1/namespaces/ns/services/s/status application/json",
                "PATCH /prefix/api/v1/namespaces/ns/services/s application/merge-patch+json",
                "PATCH /prefix/api/v1/namespaces/ns/services/s/status application/merge-patch+json",
                "PATCH /prefix/api/v1/namespaces/ns/services/s application/json-patch+json",
                "DELETE /prefix/api/v1/namespaces/ns/services/s ",
            ],
            r.Select(x => $"{x.Method} {x.Path} {x.ContentType}"));
        Assert.Contains("\"resourceVersion\":\"7\"", r[1].Body, StringComparison.Ordinal);
        Assert.Equal("""{"spec":{"port":81}}""", r[3].Body);
    }

    [Fact]
    public async Task Update_conflict_throws_a_typed_exception_carrying_the_status()
    {
        var handler = new FakeKubeHandler();
        handler.Enqueue(_ => FakeKubeHandler.Status(409, "Conflict",
            "Operation cannot be fulfilled on leases.coordination.k8s.io \\\"x\\\": the object has been modified"));
        using var client = Client(handler);
        var e = await Assert.ThrowsAsync<KubeConflictException>(() =>
            client.UpdateAsync(KubeResource.Services, "ns", "s", new TestService(), TestJsonContext.Default.TestService));
        Assert.Equal(409, e.StatusCode);
        Assert.Equal("Conflict", e.Reason);
        Assert.Contains("the object has been modified", e.Status!.Message, StringComparison.Ordinal);
        Assert.False(e.IsTransient);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Forbidden_and_unauthorized_errors_are_clear_and_secret_free()
    {
        var handler = new FakeKubeHandler();
        handler.Enqueue(_ => FakeKubeHandler.Status(403, "Forbidden",
            "services is forbidden: User \\\"system:serviceaccount:d:external-dns\\\" cannot list resource \\\"services\\\""));
        handler.Enqueue(_ => FakeKubeHandler.Status(401, "Unauthorized", "Unauthorized"));
        using var client = Client(handler);

        var forbidden = await Assert.ThrowsAsync<KubeApiException>(() => client.ListAsync(KubeResource.Services, null, TestJsonContext.Default.TestService));
        Assert.True(forbidden.IsUnauthorized);
        Assert.Contains("403 Forbidden", forbidden.Message, StringComparison.Ordinal);
        Assert.Contains("cannot list resource", forbidden.Message, StringComparison.Ordinal);
        Assert.Contains("RBAC", forbidden.Message, StringComparison.Ordinal);

        var unauthorized = await Assert.ThrowsAsync<KubeApiException>(() => client.GetAsync(KubeResource.Services, "a", "b", TestJsonContext.Default.TestService));
        Assert.Equal(401, unauthorized.StatusCode);
        Assert.Contains("test user", unauthorized.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tok", unauthorized.Message.Replace("k8s.example", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttled_get_waits_for_retry_after_then_succeeds()
    {
        var time = new FakeTimeProvider();
        var handler = new FakeKubeHandler();
        handler.Enqueue(_ =>
        {
            var response = FakeKubeHandler.Status(429, "TooManyRequests", "slow down");
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(3));
            return response;
        });
        handler.EnqueueJson(Svc.Json("ns", "s", "1"));
        using var client = Client(handler, time);

        var task = client.GetAsync(KubeResource.Services, "ns", "s", TestJsonContext.Default.TestService);
        await handler.WaitForRequestAsync(1);
        await Task.Delay(20);
        time.Advance(TimeSpan.FromSeconds(2.5));
        await Task.Delay(20);
        Assert.False(task.IsCompleted);
        Assert.Single(handler.Requests);
        time.Advance(TimeSpan.FromSeconds(0.6));
        Assert.NotNull(await task.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Server_errors_on_reads_are_retried_with_backoff_then_reported_as_transient()
    {
        var time = new FakeTimeProvider();
        var handler = new FakeKubeHandler { Fallback = _ => Task.FromResult(FakeKubeHandler.Status(503, "ServiceUnavailable", "etcd is down")) };
        using var client = Client(handler, time, new KubeClientOptions { Qps = 0, MaxRetries = 2 });

        var task = client.ListAsync(KubeResource.Services, null, TestJsonContext.Default.TestService);
        await Eventually.TrueAsync(() => task.IsCompleted, "list gives up", time, TimeSpan.FromSeconds(1));
        var e = await Assert.ThrowsAsync<KubeApiException>(() => task);
        Assert.True(e.IsTransient);
        Assert.Contains("etcd is down", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task Server_error_on_a_write_without_retry_after_is_not_retried()
    {
        var handler = new FakeKubeHandler { Fallback = _ => Task.FromResult(FakeKubeHandler.Status(500, "InternalError", "boom")) };
        using var client = Client(handler);
        var e = await Assert.ThrowsAsync<KubeApiException>(() =>
            client.CreateAsync(KubeResource.Services, "ns", new TestService(), TestJsonContext.Default.TestService));
        Assert.True(e.IsTransient);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Request_timeout_applies_to_non_watch_requests()
    {
        var time = new FakeTimeProvider();
        var handler = new FakeKubeHandler();
        using var client = Client(handler, time, new KubeClientOptions { Qps = 0, MaxRetries = 0, RequestTimeout = TimeSpan.FromSeconds(30) });

        var task = client.GetAsync(KubeResource.Services, "ns", "s", TestJsonContext.Default.TestService);
        await handler.WaitForRequestAsync(1);
        time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(20);
        Assert.False(task.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2));
        var e = await Assert.ThrowsAsync<KubeApiException>(() => task.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(e.IsTransient);
        Assert.Contains("--kube-api-request-timeout", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_parses_every_event_type_and_sends_watch_parameters()
    {
        var handler = new FakeKubeHandler();
        var stream = new WatchStream();
        handler.EnqueueWatch(stream);
        using var client = Client(handler, new FakeTimeProvider(), new KubeClientOptions { Qps = 0, RequestTimeout = TimeSpan.FromSeconds(1) });
        stream.Send("ADDED", Svc.Json("ns", "a", "11"));
        stream.Send("MODIFIED", Svc.Json("ns", "a", "12", ip: "10.9.9.9"));
        stream.SendRaw("");
        stream.Send("BOOKMARK", Svc.Bookmark("13"));
        stream.Send("MODIFIED", """{"metadata":{"name":"broken","namespace":"ns","resourceVersion":"14"},"spec":{"port":"not a number"}}""");
        stream.Send("DELETED", Svc.Json("ns", "a", "15"));
        stream.Send("ERROR", Svc.GoneStatus);
        stream.End();

        var events = new List<WatchEvent<TestService>>();
        await foreach (var ev in client.WatchAsync(KubeResource.Services, "ns", TestJsonContext.Default.TestService,
                           new WatchOptions { ResourceVersion = "10", TimeoutSeconds = 300, LabelSelector = "a=b" }))
        {
            events.Add(ev);
        }

        Assert.Equal(
            [WatchEventType.Added, WatchEventType.Modified, WatchEventType.Bookmark, WatchEventType.Modified, WatchEventType.Deleted, WatchEventType.Error],
            events.Select(e => e.Type));
        Assert.Equal("10.9.9.9", events[1].Object!.Spec!.ClusterIP);
        Assert.Equal("13", events[2].Metadata.ResourceVersion);
        Assert.Null(events[2].Object);
        Assert.Null(events[3].Object);
        Assert.NotNull(events[3].DecodeError);
        Assert.Equal("ns/broken", events[3].Metadata.Key);
        Assert.Equal("15", events[4].Metadata.ResourceVersion);
        Assert.Equal(410, events[5].Status!.Code);
        Assert.Equal("Expired", events[5].Status!.Reason);

        var request = handler.Requests.Single();
        Assert.Equal("/prefix/api/v1/namespaces/ns/services", request.Path);
        Assert.Equal("true", request.Query("watch"));
        Assert.Equal("10", request.Query("resourceVersion"));
        Assert.Equal("true", request.Query("allowWatchBookmarks"));
        Assert.Equal("300", request.Query("timeoutSeconds"));
        Assert.Equal("a=b", request.Query("labelSelector"));
    }

    [Fact]
    public async Task Watch_is_not_cut_by_the_request_timeout_and_a_broken_stream_is_transient()
    {
        var time = new FakeTimeProvider();
        var handler = new FakeKubeHandler();
        var stream = new WatchStream();
        handler.EnqueueWatch(stream);
        using var client = Client(handler, time, new KubeClientOptions { Qps = 0, RequestTimeout = TimeSpan.FromSeconds(1) });
        await using var enumerator = client.WatchAsync(KubeResource.Services, null, TestJsonContext.Default.TestService).GetAsyncEnumerator();
        var next = enumerator.MoveNextAsync().AsTask();
        await handler.WaitForRequestAsync(1);
        time.Advance(TimeSpan.FromMinutes(5));
        stream.Send("ADDED", Svc.Json("ns", "a", "1"));
        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(5)));
        stream.Break();
        var e = await Assert.ThrowsAsync<KubeApiException>(async () => await enumerator.MoveNextAsync());
        Assert.True(e.IsTransient);
    }

    [Fact]
    public async Task Watch_start_with_410_throws_gone()
    {
        var handler = new FakeKubeHandler();
        handler.Enqueue(_ => FakeKubeHandler.Json(Svc.GoneStatus, HttpStatusCode.Gone));
        using var client = Client(handler);
        var e = await Assert.ThrowsAsync<KubeGoneException>(async () =>
        {
            await foreach (var _ in client.WatchAsync(KubeResource.Services, null, TestJsonContext.Default.TestService))
            {
            }
        });
        Assert.True(e.IsGone);
    }

    [Fact]
    public async Task Rate_limiter_spaces_requests_beyond_the_burst()
    {
        var handler = new FakeKubeHandler { Fallback = _ => Task.FromResult(FakeKubeHandler.Json(Svc.Json("ns", "s", "1"))) };
        using var client = Client(handler, options: new KubeClientOptions { Qps = 20, Burst = 2 });
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 2; i++)
        {
            await client.GetAsync(KubeResource.Services, "ns", "s", TestJsonContext.Default.TestService);
        }

        var burst = watch.Elapsed;
        for (var i = 0; i < 3; i++)
        {
            await client.GetAsync(KubeResource.Services, "ns", "s", TestJsonContext.Default.TestService);
        }

        Assert.True(burst < TimeSpan.FromMilliseconds(40), $"burst took {burst}");
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(100), $"5 requests at 20 qps, burst 2, took only {watch.Elapsed}");
    }

    [Fact]
    public void Lease_times_are_written_as_micro_time()
    {
        var lease = new Lease
        {
            Metadata = new KubeObjectMeta { Name = "l", Namespace = "n" },
            Spec = new LeaseSpec { RenewTime = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1234567), LeaseDurationSeconds = 15 },
        };
        var json = JsonSerializer.Serialize(lease, KubeClientJsonContext.Default.Lease);
        Assert.Contains("\"renewTime\":\"2026-03-04T05:06:07.123456Z\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("acquireTime", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize("""{"spec":{"renewTime":"2026-03-04T05:06:07.123456Z","acquireTime":"2026-03-04T05:06:07Z"}}""",
            KubeClientJsonContext.Default.Lease)!;
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1234560), back.Spec!.RenewTime);
    }
}

using System.Collections.Concurrent;
using System.Net;
using ExternalDns.Kubernetes.Client;

namespace ExternalDns.Kubernetes.Tests.Client;

public sealed class InformerTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeKubeHandler _handler = new();
    private readonly KubeApiClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _changes = new();
    private Task? _run;

    public InformerTests()
    {
        _client = new KubeApiClient(new KubeClientConfiguration { Server = new Uri("http://127.0.0.1:1") }, new KubeClientOptions { Qps = 0 }, _handler, _time);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(5));
        }

        _client.Dispose();
        _stop.Dispose();
    }

    private Informer<TestService, TrimmedService> Start(InformerOptions? options = null)
    {
        var informer = new Informer<TestService, TrimmedService>(_client, KubeResource.Services, TestJsonContext.Default.TestService,
            s => new TrimmedService(s.Metadata.Key, s.Spec?.ClusterIP), options ?? new InformerOptions { Namespace = "ns", LabelSelector = "app=web" }, _time);
        informer.Changed += (_, e) => _changes.Enqueue($"{e.ChangeType} {e.Key} {e.OldObject?.ClusterIP}->{e.NewObject?.ClusterIP}");
        _run = informer.RunAsync(_stop.Token);
        return informer;
    }

    private string[] TakeChanges()
    {
        var list = new List<string>();
        while (_changes.TryDequeue(out var c))
        {
            list.Add(c);
        }

        return [.. list];
    }

    [Fact]
    public async Task Lists_then_watches_from_the_list_version_storing_only_the_projection()
    {
        _handler.EnqueueJson(Svc.List("100", null, Svc.Json("ns", "a", "90", bulk: new string('x', 10_000)), Svc.Json("ns", "b", "91")));
        var watch = new WatchStream();
        _handler.EnqueueWatch(watch);
        var informer = Start();

        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(informer.HasSynced);
        Assert.True(informer.IsInSync);
        var watchRequest = await _handler.WaitForRequestAsync(2);
        Assert.Equal("100", watchRequest.Query("resourceVersion"));
        Assert.Equal("true", watchRequest.Query("watch"));
        Assert.Equal("true", watchRequest.Query("allowWatchBookmarks"));
        Assert.Equal("app=web", watchRequest.Query("labelSelector"));
        Assert.InRange(int.Parse(watchRequest.Query("timeoutSeconds")!, System.Globalization.CultureInfo.InvariantCulture), 300, 600);
        Assert.All(_handler.Requests, r => Assert.Equal("/api/v1/namespaces/ns/services", r.Path));
        Assert.Equal("app=web", _handler.Requests.First().Query("labelSelector"));

        watch.Send("ADDED", Svc.Json("ns", "c", "101", ip: "10.0.0.3"));
        watch.Send("MODIFIED", Svc.Json("ns", "a", "102", ip: "10.0.0.9"));
        watch.Send("DELETED", Svc.Json("ns", "b", "103"));
        await Eventually.TrueAsync(() => informer.ResourceVersion == "103", "events applied");

        Assert.Equal(["ns/a", "ns/c"], informer.Snapshot().Keys.Order());
        Assert.True(informer.TryGet("ns", "a", out var a));
        Assert.Equal(new TrimmedService("ns/a", "10.0.0.9"), a);
        Assert.IsType<TrimmedService>(informer.List()[0]);
        Assert.Equal(
            ["Added ns/a ->10.0.0.1", "Added ns/b ->10.0.0.1", "Added ns/c ->10.0.0.3", "Updated ns/a 10.0.0.1->10.0.0.9", "Deleted ns/b 10.0.0.1->"],
            TakeChanges());
    }

    [Fact]
    public async Task Dropped_stream_resumes_from_the_last_seen_version_including_bookmarks()
    {
        _handler.EnqueueJson(Svc.List("100", null, Svc.Json("ns", "a", "90")));
        var first = new WatchStream();
        _handler.EnqueueWatch(first);
        var second = new WatchStream();
        _handler.EnqueueWatch(second);
        var third = new WatchStream();
        _handler.EnqueueWatch(third);
        var informer = Start();
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        first.Send("MODIFIED", Svc.Json("ns", "a", "105"));
        first.Send("BOOKMARK", Svc.Bookmark("150"));
        await Eventually.TrueAsync(() => informer.ResourceVersion == "150", "bookmark seen");
        first.Break();
        var resumed = await _handler.WaitForRequestAsync(3);
        Assert.Equal("150", resumed.Query("resourceVersion"));
        Assert.Null(resumed.Query("limit"));
        Assert.Equal("true", resumed.Query("watch"));

        // A clean end of the stream (server-side timeout) also resumes, without a relist.
        second.Send("ADDED", Svc.Json("ns", "z", "160"));
        await Eventually.TrueAsync(() => informer.ResourceVersion == "160", "event seen");
        second.End();
        var again = await _handler.WaitForRequestAsync(4);
        Assert.Equal("160", again.Query("resourceVersion"));
        Assert.Equal("true", again.Query("watch"));
        Assert.True(informer.IsInSync);
        Assert.Equal(2, informer.Count);
    }

    [Fact]
    public async Task Gone_relists_and_reports_objects_that_vanished_meanwhile()
    {
        _handler.EnqueueJson(Svc.List("100", null, Svc.Json("ns", "keep", "10"), Svc.Json("ns", "change", "11"), Svc.Json("ns", "gone", "12")));
        var watch = new WatchStream();
        _handler.EnqueueWatch(watch);
        _handler.EnqueueJson(Svc.List("500", null, Svc.Json("ns", "keep", "10"), Svc.Json("ns", "change", "400", ip: "10.4.4.4"), Svc.Json("ns", "new", "450")));
        var after = new WatchStream();
        _handler.EnqueueWatch(after);
        var informer = Start();
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        TakeChanges();

        watch.Send("ERROR", Svc.GoneStatus);
        var rewatch = await _handler.WaitForRequestAsync(4);
        Assert.Equal("500", rewatch.Query("resourceVersion"));
        Assert.Null(_handler.Requests.ElementAt(2).Query("watch"));
        Assert.Equal(
            ["Added ns/new ->10.0.0.1", "Deleted ns/gone 10.0.0.1->", "Updated ns/change 10.0.0.1->10.4.4.4"],
            TakeChanges().Order());
        Assert.Equal(["ns/change", "ns/keep", "ns/new"], informer.Snapshot().Keys.Order());
        Assert.True(informer.IsInSync);
    }

    [Fact]
    public async Task Http_410_when_starting_a_watch_also_relists()
    {
        _handler.EnqueueJson(Svc.List("100", null, Svc.Json("ns", "a", "10")));
        _handler.Enqueue(_ => FakeKubeHandler.Json(Svc.GoneStatus, HttpStatusCode.Gone));
        _handler.EnqueueJson(Svc.List("200", null));
        _handler.EnqueueWatch(new WatchStream());
        var informer = Start();
        await _handler.WaitForRequestAsync(4);
        await Eventually.TrueAsync(() => informer.Count == 0, "relisted");
        Assert.Equal("200", _handler.Requests.Last().Query("resourceVersion"));
        Assert.Contains("Deleted ns/a 10.0.0.1->", TakeChanges());
    }

    [Fact]
    public async Task Not_in_sync_while_the_list_fails_then_syncs_after_backoff()
    {
        _handler.Enqueue(_ => FakeKubeHandler.Status(403, "Forbidden", "services is forbidden"));
        _handler.Enqueue(_ => FakeKubeHandler.Status(403, "Forbidden", "services is forbidden"));
        _handler.EnqueueJson(Svc.List("100", null, Svc.Json("ns", "a", "10")));
        _handler.EnqueueWatch(new WatchStream());
        var informer = Start();
        var synced = informer.WaitForSyncAsync(CancellationToken.None);

        await _handler.WaitForRequestAsync(1);
        await Task.Delay(20);
        Assert.False(informer.HasSynced);
        Assert.False(informer.IsInSync);
        Assert.False(synced.IsCompleted);
        Assert.IsType<KubeApiException>(informer.LastError);
        Assert.Single(_handler.Requests);

        // Backoff: 0.8 s (+ up to 100 % jitter), then 1.6 s (+ jitter).
        await Eventually.TrueAsync(() => informer.IsInSync, "synced after retries", _time, TimeSpan.FromMilliseconds(200));
        await synced.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(informer.HasSynced);
        Assert.Null(informer.LastError);
        Assert.Equal(1, informer.Count);
    }

    [Fact]
    public async Task Failing_relist_after_gone_marks_the_cache_out_of_sync()
    {
        _handler.EnqueueJson(Svc.List("100", null, Svc.Json("ns", "a", "10")));
        var watch = new WatchStream();
        _handler.EnqueueWatch(watch);
        _handler.Enqueue(_ => FakeKubeHandler.Status(503, "ServiceUnavailable", "apiserver restarting"));
        _handler.Enqueue(_ => FakeKubeHandler.Status(503, "ServiceUnavailable", "apiserver restarting"));
        _handler.Enqueue(_ => FakeKubeHandler.Status(503, "ServiceUnavailable", "apiserver restarting"));
        _handler.Enqueue(_ => FakeKubeHandler.Status(503, "ServiceUnavailable", "apiserver restarting"));
        var informer = Start();
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        var flips = 0;
        informer.SyncStateChanged += (_, _) => Interlocked.Increment(ref flips);

        watch.Send("ERROR", Svc.GoneStatus);
        await Eventually.TrueAsync(() => !informer.IsInSync, "out of sync once the relist has exhausted its retries", _time, TimeSpan.FromMilliseconds(500));
        Assert.True(informer.HasSynced);
        Assert.Equal(1, informer.Count);
        var waiting = informer.WaitForSyncAsync(CancellationToken.None);
        await Task.Delay(20);
        Assert.False(waiting.IsCompleted);

        _handler.EnqueueJson(Svc.List("300", null, Svc.Json("ns", "a", "10")));
        _handler.EnqueueWatch(new WatchStream());
        await Eventually.TrueAsync(() => informer.IsInSync, "back in sync", _time, TimeSpan.FromSeconds(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, flips);
    }

    [Fact]
    public async Task Repeated_watch_failures_back_off_then_relist()
    {
        _handler.EnqueueJson(Svc.List("100", null, Svc.Json("ns", "a", "10")));
        for (var i = 0; i < 3; i++)
        {
            _handler.Enqueue(_ => FakeKubeHandler.Status(500, "InternalError", "watch broke"));
        }

        _handler.EnqueueJson(Svc.List("200", null, Svc.Json("ns", "a", "10")));
        _handler.EnqueueWatch(new WatchStream());
        var informer = Start(new InformerOptions { Namespace = "ns", WatchFailuresBeforeRelist = 3 });
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        await _handler.WaitForRequestAsync(2);
        await Task.Delay(20);
        Assert.Equal(2, _handler.Requests.Count);
        await Eventually.TrueAsync(() => _handler.Requests.Count >= 6, "relist and rewatch", _time, TimeSpan.FromMilliseconds(500));
        var kinds = _handler.Requests.Select(r => r.Query("watch") is null ? "list" : "watch@" + r.Query("resourceVersion")).ToList();
        Assert.Equal(["list", "watch@100", "watch@100", "watch@100", "list", "watch@200"], kinds);
        Assert.True(informer.IsInSync);
    }

    [Fact]
    public async Task Undecodable_objects_are_reported_and_keep_their_last_good_projection()
    {
        _handler.EnqueueJson(Svc.List("100", null, Svc.Json("ns", "a", "10"),
            """{"metadata":{"name":"bad","namespace":"ns","resourceVersion":"11"},"spec":{"port":"eighty"}}"""));
        var watch = new WatchStream();
        _handler.EnqueueWatch(watch);
        var informer = Start();
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(["ns/bad"], informer.UndecodableKeys);
        Assert.Equal(1, informer.Count);

        watch.Send("MODIFIED", """{"metadata":{"name":"a","namespace":"ns","resourceVersion":"12"},"spec":{"port":"eighty"}}""");
        watch.Send("MODIFIED", Svc.Json("ns", "bad", "13"));
        await Eventually.TrueAsync(() => informer.ResourceVersion == "13", "events applied");
        Assert.Equal(["ns/a"], informer.UndecodableKeys);
        Assert.True(informer.TryGet("ns", "a", out var a));
        Assert.Equal("10.0.0.1", a!.ClusterIP);
        Assert.True(informer.TryGet("ns", "bad", out _));
    }

    [Fact]
    public async Task A_throwing_handler_does_not_stop_the_informer()
    {
        _handler.EnqueueJson(Svc.List("100", null, Svc.Json("ns", "a", "10")));
        var watch = new WatchStream();
        _handler.EnqueueWatch(watch);
        var informer = Start();
        informer.Changed += (_, _) => throw new InvalidOperationException("handler bug");
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        watch.Send("ADDED", Svc.Json("ns", "b", "11"));
        await Eventually.TrueAsync(() => informer.Count == 2, "event applied despite handler exception");
    }

    [Fact]
    public async Task Cluster_wide_informer_lists_all_namespaces()
    {
        _handler.EnqueueJson(Svc.List("1", null, Svc.Json("x", "a", "1"), Svc.Json("y", "a", "1")));
        _handler.EnqueueWatch(new WatchStream());
        var informer = Start(new InformerOptions());
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("/api/v1/services", _handler.Requests.First().Path);
        Assert.Equal(["x/a", "y/a"], informer.Snapshot().Keys.Order());
        Assert.Equal("2000", _handler.Requests.First().Query("limit"));
    }
}

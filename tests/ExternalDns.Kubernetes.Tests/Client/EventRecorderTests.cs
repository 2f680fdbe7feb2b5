using System.Text.Json;
using ExternalDns.Kubernetes.Client;

namespace ExternalDns.Kubernetes.Tests.Client;

public sealed class EventRecorderTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeKubeHandler _handler = new();
    private readonly KubeApiClient _client;

    public EventRecorderTests()
    {
        _handler.Fallback = r => Task.FromResult(FakeKubeHandler.Json(r.Body is ['{', ..] && r.Method == "POST" ? r.Body : "{}"));
        _client = new KubeApiClient(new KubeClientConfiguration { Server = new Uri("http://127.0.0.1:1") },
            new KubeClientOptions { Qps = 0, MaxRetries = 0 }, _handler, _time);
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private static ObjectReference Ingress(string name = "web") =>
        new() { ApiVersion = "networking.k8s.io/v1", Kind = "Ingress", Namespace = "shop", Name = name, Uid = "uid-" + name };

    private EventRecorder Recorder(EventRecorderOptions? options = null) =>
        new(_client, options ?? new EventRecorderOptions { Host = "pod-1" }, _time);

    [Fact]
    public async Task First_event_is_created_with_source_count_and_timestamps()
    {
        await using var recorder = Recorder();
        recorder.Record(Ingress(), KubeEventTypes.Normal, "RecordCreated", "Created A record web.example.com");
        await recorder.FlushAsync(CancellationToken.None);

        var request = Assert.Single(_handler.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/v1/namespaces/shop/events", request.Path);
        var ev = JsonSerializer.Deserialize(request.Body!, KubeClientJsonContext.Default.KubeEvent)!;
        Assert.StartsWith("web.", ev.Metadata.Name, StringComparison.Ordinal);
        Assert.Equal("shop", ev.Metadata.Namespace);
        Assert.Equal("Ingress", ev.InvolvedObject.Kind);
        Assert.Equal("uid-web", ev.InvolvedObject.Uid);
        Assert.Equal("RecordCreated", ev.Reason);
        Assert.Equal("Normal", ev.Type);
        Assert.Equal("external-dns", ev.Source!.Component);
        Assert.Equal("pod-1", ev.Source.Host);
        Assert.Equal(1, ev.Count);
        Assert.Contains("\"firstTimestamp\":\"2026-05-01T12:00:00Z\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("\"lastTimestamp\":\"2026-05-01T12:00:00Z\"", request.Body, StringComparison.Ordinal);
        Assert.Equal(1, recorder.Written);
    }

    [Fact]
    public async Task Repeats_patch_the_count_and_a_different_message_creates_a_new_event()
    {
        await using var recorder = Recorder();
        recorder.Record(Ingress(), KubeEventTypes.Warning, "InvalidTarget", "bad target");
        _time.Advance(TimeSpan.FromSeconds(30));
        recorder.Record(Ingress(), KubeEventTypes.Warning, "InvalidTarget", "bad target");
        _time.Advance(TimeSpan.FromSeconds(30));
        recorder.Record(Ingress(), KubeEventTypes.Warning, "InvalidTarget", "bad target");
        recorder.Record(Ingress(), KubeEventTypes.Warning, "InvalidTarget", "another bad target");
        recorder.Record(Ingress("other"), KubeEventTypes.Warning, "InvalidTarget", "bad target");
        await recorder.FlushAsync(CancellationToken.None);

        var r = _handler.Requests.ToList();
        Assert.Equal(["POST", "PATCH", "PATCH", "POST", "POST"], r.Select(x => x.Method));
        var created = JsonSerializer.Deserialize(r[0].Body!, KubeClientJsonContext.Default.KubeEvent)!;
        Assert.Equal($"/api/v1/namespaces/shop/events/{created.Metadata.Name}", r[1].Path);
        Assert.Equal("application/merge-patch+json", r[1].ContentType);
        Assert.Equal("""{"count":2,"lastTimestamp":"2026-05-01T12:00:30Z"}""", r[1].Body);
        Assert.Equal("""{"count":3,"lastTimestamp":"2026-05-01T12:01:00Z"}""", r[2].Body);
        Assert.Contains("another bad target", r[3].Body, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"other\"", r[4].Body, StringComparison.Ordinal);
        Assert.NotEqual(JsonSerializer.Deserialize(r[3].Body!, KubeClientJsonContext.Default.KubeEvent)!.Metadata.Name, created.Metadata.Name);
    }

    [Fact]
    public async Task An_expired_event_is_recreated_when_the_patch_finds_nothing()
    {
        await using var recorder = Recorder();
        recorder.Record(Ingress(), KubeEventTypes.Normal, "Synced", "ok");
        await recorder.FlushAsync(CancellationToken.None);
        _handler.Enqueue(_ => FakeKubeHandler.Status(404, "NotFound", "events not found"));
        recorder.Record(Ingress(), KubeEventTypes.Normal, "Synced", "ok");
        await recorder.FlushAsync(CancellationToken.None);
        Assert.Equal(["POST", "PATCH", "POST"], _handler.Requests.Select(x => x.Method));
        Assert.Contains("\"count\":1", _handler.Requests.Last().Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_per_object_are_rate_limited_with_refill()
    {
        await using var recorder = Recorder(new EventRecorderOptions { BurstPerObject = 2, RefillPerObject = TimeSpan.FromMinutes(5) });
        for (var i = 0; i < 4; i++)
        {
            recorder.Record(Ingress(), KubeEventTypes.Normal, "R" + i, "m");
        }

        recorder.Record(Ingress("other"), KubeEventTypes.Normal, "R", "m");
        await recorder.FlushAsync(CancellationToken.None);
        Assert.Equal(3, _handler.Requests.Count);
        Assert.Equal(2, recorder.Dropped);

        _time.Advance(TimeSpan.FromMinutes(5));
        recorder.Record(Ingress(), KubeEventTypes.Normal, "R9", "m");
        await recorder.FlushAsync(CancellationToken.None);
        Assert.Equal(4, _handler.Requests.Count);
    }

    [Fact]
    public async Task Api_failures_never_reach_the_caller()
    {
        _handler.Fallback = _ => Task.FromResult(FakeKubeHandler.Status(403, "Forbidden", "events is forbidden"));
        await using var recorder = Recorder();
        recorder.Record(Ingress(), KubeEventTypes.Warning, "Failed", "x");
        recorder.Record(Ingress(), KubeEventTypes.Warning, "Failed", "x");
        await recorder.FlushAsync(CancellationToken.None);
        Assert.Equal(2, _handler.Requests.Count);
        Assert.Equal(0, recorder.Written);
    }

    [Fact]
    public async Task Record_never_blocks_and_drops_beyond_the_queue_capacity()
    {
        var gate = new TaskCompletionSource();
        _handler.Fallback = async r =>
        {
            await gate.Task;
            return FakeKubeHandler.Json(r.Method == "POST" ? r.Body! : "{}");
        };
        await using var recorder = Recorder(new EventRecorderOptions { QueueCapacity = 3, BurstPerObject = 100 });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 10; i++)
        {
            recorder.Record(Ingress("o" + i), KubeEventTypes.Normal, "R", "m");
        }

        Assert.True(watch.ElapsedMilliseconds < 100, $"Record blocked for {watch.ElapsedMilliseconds} ms");
        gate.SetResult();
        await recorder.FlushAsync(CancellationToken.None);
        Assert.InRange(recorder.Written, 3, 4);
        Assert.InRange(recorder.Dropped, 6, 7);
    }

    [Fact]
    public async Task Cluster_scoped_objects_get_events_in_default_and_long_messages_are_cut()
    {
        await using var recorder = Recorder(new EventRecorderOptions { MaxMessageLength = 10 });
        recorder.Record(new ObjectReference { Kind = "Node", Name = "n1" }, KubeEventTypes.Normal, "R", new string('m', 50));
        recorder.Record(new ObjectReference { Kind = "Node" }, KubeEventTypes.Normal, "R", "no name: dropped");
        await recorder.FlushAsync(CancellationToken.None);
        var request = Assert.Single(_handler.Requests);
        Assert.Equal("/api/v1/namespaces/default/events", request.Path);
        Assert.Contains("\"message\":\"mmmmmmmmmm\"", request.Body, StringComparison.Ordinal);
    }
}

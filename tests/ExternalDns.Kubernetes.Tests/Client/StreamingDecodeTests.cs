using System.Net;
using System.Text;
using ExternalDns.Kubernetes.Client;

namespace ExternalDns.Kubernetes.Tests.Client;

/// <summary>
/// The list and watch bodies are decoded as they stream in (a pooled, refillable buffer and a UTF-8 reader), never
/// whole: these tests feed bodies in odd shapes (metadata after the items, 1–7 bytes per read, items larger than the
/// buffer, a body that breaks) and check the decoded result against what was sent.
/// </summary>
public sealed class StreamingDecodeTests
{
    private static KubeApiClient Client(FakeKubeHandler handler, KubeClientOptions? options = null) =>
        new(new KubeClientConfiguration { Server = new Uri("https://k8s.example:6443/") }, options ?? new KubeClientOptions { Qps = 0 }, handler, new FakeTimeProvider());

    private static string MetadataAfterItems(string rv, string? next, params string[] items) =>
        $$$"""{"kind":"ServiceList","apiVersion":"v1","items":[{{{string.Join(",", items)}}}],"metadata":{"resourceVersion":"{{{rv}}}"{{{(next is null ? "" : $",\"continue\":\"{next}\"")}}}}}""";

    private static HttpResponseMessage Dribbled(string body, int seed) =>
        new(HttpStatusCode.OK) { Content = new StreamContent(new DribbleStream(Encoding.UTF8.GetBytes(body), seed)) };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task List_metadata_may_come_before_or_after_the_items(bool after)
    {
        var handler = new FakeKubeHandler();
        string Page(string rv, string? next, params string[] items) => after ? MetadataAfterItems(rv, next, items) : Svc.List(rv, next, items);
        handler.EnqueueJson(Page("100", "tok-1", Svc.Json("a", "s1", "90"), Svc.Json("a", "s2", "91")));
        handler.EnqueueJson(Page("101", null, Svc.Json("b", "s3", "92", ip: "10.3.3.3")));
        using var client = Client(handler);

        var result = await client.ListAsync(KubeResource.Services, null, TestJsonContext.Default.TestService, new ListOptions { PageSize = 2 });

        Assert.Equal(["a/s1", "a/s2", "b/s3"], result.Items.Select(i => i.Metadata.Key));
        Assert.Equal(["90", "91", "92"], result.Items.Select(i => i.Metadata.ResourceVersion));
        Assert.Equal("10.3.3.3", result.Items[2].Object.Spec!.ClusterIP);
        Assert.Equal("100", result.ResourceVersion);
        Assert.Equal(2, result.Pages);
        Assert.Equal([null, "tok-1"], handler.Requests.Select(r => r.Query("continue")));
    }

    [Fact]
    public async Task Pages_arriving_a_few_bytes_at_a_time_decode_exactly_as_sent()
    {
        var handler = new FakeKubeHandler();
        var expected = new List<(string Key, string Ip)>();
        var pages = 4;
        for (var p = 0; p < pages; p++)
        {
            var items = new List<string>();
            for (var i = 0; i < 5; i++)
            {
                var name = $"s{p}-{i}";
                var ip = $"10.{p}.{i}.1";
                expected.Add(("ns/" + name, ip));

                // Escapes and multi-byte characters must survive a split anywhere.
                items.Add(Svc.Json("ns", name, $"{(p * 10) + i}", ip: ip, bulk: "é\\\"ü ☃ " + new string('b', i * 37)));
            }

            var body = p % 2 == 0 ? Svc.List("500", p < pages - 1 ? $"tok-{p}" : null, [.. items]) : MetadataAfterItems("500", p < pages - 1 ? $"tok-{p}" : null, [.. items]);
            var seed = p;
            handler.Enqueue(_ => Dribbled("  \n" + body + "\n", seed));
        }

        using var client = Client(handler);
        var result = await client.ListAsync(KubeResource.Services, null, TestJsonContext.Default.TestService, new ListOptions { PageSize = 5 });

        Assert.Equal(expected, result.Items.Select(i => (i.Metadata.Key, i.Object.Spec!.ClusterIP!)));
        Assert.All(result.Items, i => Assert.StartsWith("é\"ü ☃ ", i.Object.Spec!.Bulk, StringComparison.Ordinal));
        Assert.Equal(pages, result.Pages);
        Assert.Equal("500", result.ResourceVersion);
    }

    [Fact]
    public async Task An_item_larger_than_the_buffer_is_decoded_whole()
    {
        var big = new string('x', 200_000); // three times the list buffer's initial 64 KiB
        var handler = new FakeKubeHandler();
        handler.EnqueueJson(Svc.List("7", null, Svc.Json("a", "small", "1"), Svc.Json("a", "big", "2", bulk: big), Svc.Json("a", "after", "3")));
        using var client = Client(handler);

        var result = await client.ListAsync(KubeResource.Services, null, TestJsonContext.Default.TestService);

        Assert.Equal(["a/small", "a/big", "a/after"], result.Items.Select(i => i.Metadata.Key));
        Assert.Equal(big, result.Items[1].Object.Spec!.Bulk);
    }

    [Fact]
    public async Task A_bad_item_is_reported_with_its_metadata_and_skipped_by_the_informer()
    {
        var handler = new FakeKubeHandler();
        var bad = """{"metadata":{"name":"bad","namespace":"ns","resourceVersion":"11","annotations":{"x":"y"}},"spec":{"port":"eighty"}}""";
        handler.Enqueue(_ => Dribbled(MetadataAfterItems("100", null, Svc.Json("ns", "a", "10"), bad, Svc.Json("ns", "c", "12")), seed: 3));
        handler.EnqueueWatch(new WatchStream());
        using var client = Client(handler);
        using var stop = new CancellationTokenSource();
        var informer = new Informer<TestService, TrimmedService>(client, KubeResource.Services, TestJsonContext.Default.TestService,
            s => new TrimmedService(s.Metadata.Key, s.Spec?.ClusterIP), new InformerOptions(), new FakeTimeProvider());
        var run = informer.RunAsync(stop.Token);

        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(["ns/bad"], informer.UndecodableKeys);
        Assert.Equal(["ns/a", "ns/c"], informer.Snapshot().Keys.Order(StringComparer.Ordinal));
        Assert.Equal("100", informer.ResourceVersion);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_bad_item_fails_a_plain_list_naming_the_object()
    {
        var handler = new FakeKubeHandler();
        handler.EnqueueJson(Svc.List("100", null, """{"metadata":{"name":"bad","namespace":"ns"},"spec":{"port":"eighty"}}"""));
        using var client = Client(handler);

        var e = await Assert.ThrowsAsync<KubeApiException>(() => client.ListAsync(KubeResource.Services, null, TestJsonContext.Default.TestService));

        Assert.Contains("ns/bad", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"kind":"ServiceList","items":[{"metadata":{"name":"a"}}""")]
    [InlineData("""{"kind":"ServiceList","items":{"metadata":{"name":"a"}}}""")]
    [InlineData("""[1,2]""")]
    public async Task A_truncated_or_malformed_page_is_a_decode_error(string body)
    {
        var handler = new FakeKubeHandler();
        handler.EnqueueJson(body);
        using var client = Client(handler);

        var e = await Assert.ThrowsAsync<KubeApiException>(() => client.ListAsync(KubeResource.Services, null, TestJsonContext.Default.TestService));

        Assert.Contains("cannot decode the response", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_body_is_an_empty_list()
    {
        var handler = new FakeKubeHandler();
        handler.EnqueueJson("");
        using var client = Client(handler);

        var result = await client.ListAsync(KubeResource.Services, null, TestJsonContext.Default.TestService);

        Assert.Empty(result.Items);
        Assert.Equal(1, result.Pages);
    }

    [Fact]
    public async Task A_page_whose_body_breaks_is_requested_again_without_duplicating_its_items()
    {
        var handler = new FakeKubeHandler();
        var page = Svc.List("100", null, Svc.Json("a", "s1", "1"), Svc.Json("a", "s2", "2"), Svc.Json("a", "s3", "3"));
        var cut = page.IndexOf("\"s3\"", StringComparison.Ordinal);
        handler.Enqueue(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new DribbleStream(Encoding.UTF8.GetBytes(page[..cut]), seed: 1, breakAtEnd: true)),
        });
        handler.EnqueueJson(page);
        using var client = Client(handler, new KubeClientOptions { Qps = 0, RetryBaseDelay = TimeSpan.Zero });

        var result = await client.ListAsync(KubeResource.Services, null, TestJsonContext.Default.TestService);

        Assert.Equal(["a/s1", "a/s2", "a/s3"], result.Items.Select(i => i.Metadata.Key));
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_list_body_that_stalls_past_the_request_timeout_is_requested_again()
    {
        var time = new FakeTimeProvider();
        var handler = new FakeKubeHandler();
        var stalled = new WatchStream();
        handler.EnqueueWatch(stalled);
        var page = Svc.List("100", null, Svc.Json("a", "s1", "1"), Svc.Json("a", "s2", "2"));
        handler.EnqueueJson(page);
        using var client = new KubeApiClient(new KubeClientConfiguration { Server = new Uri("https://k8s.example:6443/") },
            new KubeClientOptions { Qps = 0, RequestTimeout = TimeSpan.FromSeconds(30), RetryBaseDelay = TimeSpan.Zero }, handler, time);

        var list = client.ListAsync(KubeResource.Services, null, TestJsonContext.Default.TestService);
        await handler.WaitForRequestAsync(1);
        var cut = page.IndexOf("\"s2\"", StringComparison.Ordinal);
        stalled.SendRaw(page[..(cut / 2)]);
        await Task.Delay(100);
        time.Advance(TimeSpan.FromSeconds(20));
        stalled.SendRaw(page[(cut / 2)..cut]); // more bytes at t=20 s: the idle timeout now ends at t=50 s, not t=30 s
        await Task.Delay(100);
        time.Advance(TimeSpan.FromSeconds(25));
        await Task.Delay(100);
        Assert.Single(handler.Requests);
        time.Advance(TimeSpan.FromSeconds(10));
        var result = await list.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["a/s1", "a/s2"], result.Items.Select(i => i.Metadata.Key));
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Watch_lines_split_into_small_reads_with_type_after_object_bookmarks_and_errors()
    {
        var big = new string('w', 40_000); // larger than the watch buffer
        var lines = string.Join("\n",
            $$"""{"object":{{Svc.Json("ns", "a", "11")}},"type":"ADDED"}""",
            "",
            $$"""{"type":"MODIFIED","object":{{Svc.Json("ns", "a", "12", ip: "10.9.9.9", bulk: big)}}}""",
            "   \r",
            $$"""{"object":{{Svc.Bookmark("13")}},"type":"BOOKMARK"}""",
            $$"""{"type":"DELETED","object":{{Svc.Json("ns", "a", "14")}}}""",
            $$"""{"object":{{Svc.GoneStatus}},"type":"ERROR"}""") + "\r\n"
            + $$"""{"type":"ADDED","object":{{Svc.Json("ns", "last", "15")}}}"""; // no newline at the end
        var handler = new FakeKubeHandler();
        handler.Enqueue(_ => Dribbled(lines, seed: 11));
        using var client = Client(handler);

        var events = new List<WatchEvent<TestService>>();
        await foreach (var ev in client.WatchAsync(KubeResource.Services, "ns", TestJsonContext.Default.TestService))
        {
            events.Add(ev);
        }

        Assert.Equal(
            [WatchEventType.Added, WatchEventType.Modified, WatchEventType.Bookmark, WatchEventType.Deleted, WatchEventType.Error, WatchEventType.Added],
            events.Select(e => e.Type));
        Assert.Equal("ns/a", events[0].Metadata.Key);
        Assert.Equal("10.0.0.1", events[0].Object!.Spec!.ClusterIP);
        Assert.Equal(big, events[1].Object!.Spec!.Bulk);
        Assert.Equal("13", events[2].Metadata.ResourceVersion);
        Assert.Null(events[2].Object);
        Assert.Equal("14", events[3].Metadata.ResourceVersion);
        Assert.Equal(410, events[4].Status!.Code);
        Assert.Equal("Expired", events[4].Status!.Reason);
        Assert.Equal("ns/last", events[5].Metadata.Key);
    }

    [Theory]
    [InlineData("""{"type":"ADDED"}""", "has no object")]
    [InlineData("""{"type":"RENAMED","object":{}}""", "unknown watch event type 'RENAMED'")]
    [InlineData("""{"type":"ADDED","object":{""", "cannot decode an event")]
    [InlineData("""not json""", "cannot decode an event")]
    public async Task A_watch_line_that_is_not_an_event_ends_the_watch_with_a_clear_error(string line, string expected)
    {
        var handler = new FakeKubeHandler();
        var stream = new WatchStream();
        handler.EnqueueWatch(stream);
        stream.SendRaw(line);
        stream.End();
        using var client = Client(handler);

        var e = await Assert.ThrowsAsync<KubeApiException>(async () =>
        {
            await foreach (var _ in client.WatchAsync(KubeResource.Services, "ns", TestJsonContext.Default.TestService))
            {
            }
        });

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    /// <summary>A body that hands out 1–7 bytes per read (seeded), optionally breaking instead of ending.</summary>
    private sealed class DribbleStream(byte[] data, int seed, bool breakAtEnd = false) : Stream
    {
        private readonly Random _random = new(seed);
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= data.Length)
            {
                return breakAtEnd ? throw new IOException("connection reset by peer") : 0;
            }

            var n = Math.Min(Math.Min(buffer.Length, _random.Next(1, 8)), data.Length - _position);
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Threading.Channels;

namespace ExternalDns.Kubernetes.Tests.Client;

/// <summary>
/// A scripted API server: each request is answered by the next queued responder (waiting for one to be queued),
/// or by <see cref="Fallback"/>. Every request is recorded with its body.
/// </summary>
public sealed class FakeKubeHandler : HttpMessageHandler
{
    private readonly Channel<Func<RecordedRequest, Task<HttpResponseMessage>>> _script = Channel.CreateUnbounded<Func<RecordedRequest, Task<HttpResponseMessage>>>();

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Answers when nothing is queued; null = wait for the script.</summary>
    public Func<RecordedRequest, Task<HttpResponseMessage>>? Fallback { get; set; }

    public void Enqueue(Func<RecordedRequest, HttpResponseMessage> responder) => _script.Writer.TryWrite(r => Task.FromResult(responder(r)));

    public void EnqueueAsync(Func<RecordedRequest, Task<HttpResponseMessage>> responder) => _script.Writer.TryWrite(responder);

    public void EnqueueJson(string json, HttpStatusCode code = HttpStatusCode.OK) => Enqueue(_ => Json(json, code));

    public void EnqueueWatch(WatchStream stream) => Enqueue(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(stream) });

    public static HttpResponseMessage Json(string json, HttpStatusCode code = HttpStatusCode.OK) =>
        new(code) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Status(int code, string reason, string message) =>
        Json($$"""{"kind":"Status","apiVersion":"v1","status":"Failure","message":"{{message}}","reason":"{{reason}}","code":{{code}}}""", (HttpStatusCode)code);

    /// <summary>Waits (real time, bounded) until at least <paramref name="count"/> requests have arrived.</summary>
    public async Task<RecordedRequest> WaitForRequestAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Requests.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"expected {count} requests, got {Requests.Count}: {string.Join(", ", Requests.Select(r => r.Method + " " + r.PathAndQuery))}");
            }

            await Task.Delay(2);
        }

        return Requests.ElementAt(count - 1);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(request.Method.Method, request.RequestUri!, request.Headers.Authorization?.ToString(),
            request.Content?.Headers.ContentType?.MediaType, body, request.Headers.ToString());
        Requests.Enqueue(recorded);
        if (_script.Reader.TryRead(out var next))
        {
            return await next(recorded);
        }

        if (Fallback is not null)
        {
            return await Fallback(recorded);
        }

        next = await _script.Reader.ReadAsync(cancellationToken);
        return await next(recorded);
    }
}

public sealed record RecordedRequest(string Method, Uri Uri, string? Authorization, string? ContentType, string? Body, string Headers)
{
    public string Path => Uri.AbsolutePath;

    public string PathAndQuery => Uri.PathAndQuery;

    public string? Query(string name)
    {
        foreach (var part in Uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var key = eq < 0 ? part : part[..eq];
            if (key == name)
            {
                return eq < 0 ? "" : Uri.UnescapeDataString(part[(eq + 1)..]);
            }
        }

        return null;
    }
}

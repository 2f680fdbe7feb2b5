using System.Net;
using System.Text;
using ExternalDns.Core.Providers.Http;

namespace ExternalDns.Core.Tests.Http;

/// <summary>
/// The innermost handler of the stack in tests: answers each attempt with the next scripted step (the last step
/// repeats) and records what it was sent, including the body and the attempt number the stack set.
/// </summary>
public sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly List<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _steps = [];
    private readonly List<Received> _received = [];
    private int _next;

    public IReadOnlyList<Received> Requests
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public bool Disposed { get; private set; }

    public static HttpResponseMessage Answer(HttpStatusCode status, string body = "", Action<HttpResponseMessage>? configure = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        configure?.Invoke(response);
        return response;
    }

    public ScriptedHandler Then(HttpStatusCode status, string body = "", Action<HttpResponseMessage>? configure = null) =>
        Then((_, _) => Task.FromResult(Answer(status, body, configure)));

    public ScriptedHandler Then(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> step)
    {
        _steps.Add(step);
        return this;
    }

    public ScriptedHandler ThenThrow(Func<Exception> error) => Then((_, _) => throw error());

    /// <summary>An attempt that never answers until it is cancelled (by the stack's timeout or the caller).</summary>
    public ScriptedHandler ThenHang() => Then(async (_, ct) =>
    {
        await Task.Delay(Timeout.Infinite, ct);
        throw new InvalidOperationException("unreachable");
    });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> step;
        lock (_received)
        {
            _received.Add(new Received(
                request.Method.Method,
                request.RequestUri!,
                body,
                request.Content?.Headers.ContentType?.ToString(),
                request.Options.TryGetValue(ProviderHttpRequest.Attempts, out var attempt) ? attempt : 0));
            if (_steps.Count == 0)
            {
                throw new InvalidOperationException("no step scripted");
            }

            step = _steps[Math.Min(_next++, _steps.Count - 1)];
        }

        return await step(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }

    public sealed record Received(string Method, Uri Uri, string? Body, string? ContentType, int Attempt);
}

using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Testing.Webhook;

/// <summary>
/// An in-process webhook provider (Kestrel on 127.0.0.1, a free port) written from upstream's protocol document
/// (docs/tutorials/webhook-provider.md, api/webhook.yaml) — not from ExternalDns's client or server. It keeps records
/// in memory as the JSON objects it was sent (answered back byte for byte), checks the media type in <c>Accept</c>
/// (GET, POST /adjustendpoints: 406 otherwise) and <c>Content-Type</c> (POST: 415 otherwise), refuses an inconsistent
/// change set as a whole (400: a create of an existing record, an update or delete of a missing one), logs every request
/// and can be told to misbehave (<see cref="Inject"/>).
/// </summary>
public sealed class WebhookTestServer : IAsyncDisposable
{
    /// <summary>The protocol's media type, version 1.</summary>
    public const string MediaType = "application/external.dns.webhook+json;version=1";

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WebhookTestServerOptions _options;
    private readonly Lock _lock = new();
    private readonly List<(string Key, string Json)> _records = [];
    private readonly List<WebhookTestRequest> _requests = [];
    private readonly List<WebhookFault> _faults = [];
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;

    private WebhookTestServer(WebhookTestServerOptions options)
    {
        _options = options;
    }

    /// <summary>The base URL, for <c>--webhook-provider-url</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>The records held, each as the JSON object text it was created with.</summary>
    public IReadOnlyList<string> Records
    {
        get
        {
            lock (_lock)
            {
                return [.. _records.Select(r => r.Json)];
            }
        }
    }

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<WebhookTestRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<WebhookTestServer> StartAsync(WebhookTestServerOptions? options = null)
    {
        var server = new WebhookTestServer(options ?? new WebhookTestServerOptions());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = server._options.MaxRequestBodySize > 0 ? server._options.MaxRequestBodySize : null);
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address);
        return server;
    }

    /// <summary>The records whose <c>dnsName</c> is <paramref name="dnsName"/>, parsed.</summary>
    public IReadOnlyList<JsonObject> RecordsNamed(string dnsName) =>
        [.. Records.Select(r => JsonNode.Parse(r)!.AsObject()).Where(o => (string?)o["dnsName"] == dnsName)];

    /// <summary>Adds records directly (made "by hand", outside any client): each an endpoint object in JSON.</summary>
    public void Seed(params string[] endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        lock (_lock)
        {
            foreach (var json in endpoints)
            {
                using var doc = JsonDocument.Parse(json);
                _records.Add((Key(doc.RootElement), doc.RootElement.GetRawText()));
            }
        }
    }

    /// <summary>Makes matching requests misbehave (faults are checked in the order injected).</summary>
    public void Inject(WebhookFault fault)
    {
        lock (_lock)
        {
            _faults.Add(fault);
        }
    }

    public void ClearFaults()
    {
        lock (_lock)
        {
            _faults.Clear();
        }
    }

    /// <summary>How many requests with this method and path were received.</summary>
    public int Count(string method, string path) => Requests.Count(r => r.Method == method && r.Path == path);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private static string Key(JsonElement endpoint)
    {
        if (endpoint.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("an endpoint is a JSON object");
        }

        static string Member(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;

        var name = Member(endpoint, "dnsName");
        var type = Member(endpoint, "recordType");
        if (name.Length == 0 || type.Length == 0)
        {
            throw new FormatException("an endpoint needs a dnsName and a recordType");
        }

        return $"{name.ToLowerInvariant()}|{type}|{Member(endpoint, "setIdentifier")}";
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var body = await ReadBodyAsync(context);
        if (body is not null)
        {
            var path = request.Path.Value ?? "/";
            var fault = TakeFault(request.Method, path);
            if (fault is not null)
            {
                await MisbehaveAsync(context, fault);
            }
            else
            {
                await ServeAsync(context, body);
            }
        }

        lock (_lock)
        {
            _requests.Add(new WebhookTestRequest(request.Method, request.Path.Value ?? "/", request.Headers.Accept.ToString(), request.Headers.ContentType.ToString(), body ?? [], context.Response.StatusCode));
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        try
        {
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        }
        catch (BadHttpRequestException ex)
        {
            context.Response.StatusCode = ex.StatusCode;
            return null;
        }

        return buffer.ToArray();
    }

    private WebhookFault? TakeFault(string method, string path)
    {
        lock (_lock)
        {
            var index = _faults.FindIndex(f => f.Method == method && f.Path == path);
            if (index < 0)
            {
                return null;
            }

            var fault = _faults[index];
            if (fault.Times is { } times)
            {
                if (times <= 1)
                {
                    _faults.RemoveAt(index);
                }
                else
                {
                    _faults[index] = fault with { Times = times - 1 };
                }
            }

            return fault;
        }
    }

    private async Task MisbehaveAsync(HttpContext context, WebhookFault fault)
    {
        var response = context.Response;
        switch (fault.Kind)
        {
            case WebhookFaultKind.WrongMediaType:
                await WriteAsync(context, 200, "{}", fault.ContentType);
                break;
            case WebhookFaultKind.NonJson:
                await WriteAsync(context, 200, "<html><body>this is not JSON</body></html>", MediaType);
                break;
            case WebhookFaultKind.Status when fault.StatusCode is < 200 or 204 or 304:
                response.StatusCode = fault.StatusCode; // no body allowed
                break;
            case WebhookFaultKind.Status:
                await WriteAsync(context, fault.StatusCode, $"injected status {fault.StatusCode}\n", "text/plain");
                break;
            case WebhookFaultKind.Hang:
                using (var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token))
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, both.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        context.Abort();
                    }
                }

                break;
            case WebhookFaultKind.StallBody:
                response.StatusCode = 200;
                response.Headers.ContentType = MediaType;
                using (var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token))
                {
                    try
                    {
                        await response.Body.WriteAsync(Encoding.ASCII.GetBytes("[{\"dnsName\":\"app.example.org\","), both.Token);
                        await response.Body.FlushAsync(both.Token);
                        await Task.Delay(Timeout.Infinite, both.Token);
                    }
                    catch (Exception ex) when (ex is OperationCanceledException or IOException)
                    {
                        context.Abort();
                    }
                }

                break;
            case WebhookFaultKind.OversizedBody:
                response.StatusCode = 200;
                response.Headers.ContentType = MediaType;
                try
                {
                    await response.Body.WriteAsync(Encoding.ASCII.GetBytes("[{\"dnsName\":\""), context.RequestAborted);
                    var chunk = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
                    for (long written = 0; written < fault.Size; written += chunk.Length)
                    {
                        await response.Body.WriteAsync(chunk, context.RequestAborted);
                    }

                    await response.Body.WriteAsync(Encoding.ASCII.GetBytes("\",\"recordType\":\"A\"}]"), context.RequestAborted);
                }
                catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
                {
                    // The client stopped reading (as it should past its limit).
                }

                break;
            default:
                throw new InvalidOperationException($"unknown fault {fault.Kind}");
        }
    }

    private async Task ServeAsync(HttpContext context, byte[] body)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var isGet = HttpMethods.IsGet(request.Method);
        var isPost = HttpMethods.IsPost(request.Method);
        if (path is not ("/" or "/records" or "/adjustendpoints"))
        {
            await WriteAsync(context, 404, "no such route\n", "text/plain");
            return;
        }

        if ((path == "/" && !isGet) || (path == "/records" && !isGet && !isPost) || (path == "/adjustendpoints" && !isPost))
        {
            await WriteAsync(context, 405, "method not allowed\n", "text/plain");
            return;
        }

        // The client says which version it speaks in Accept (every request that gets a body back) and Content-Type (every body it sends).
        if ((isGet || path == "/adjustendpoints") && request.Headers.Accept.ToString() != MediaType)
        {
            await WriteAsync(context, 406, $"Accept must be {MediaType}\n", "text/plain");
            return;
        }

        if (isPost && request.Headers.ContentType.ToString() != MediaType)
        {
            await WriteAsync(context, 415, $"Content-Type must be {MediaType}\n", "text/plain");
            return;
        }

        try
        {
            switch (path)
            {
                case "/":
                    await WriteAsync(context, 200, DomainFilterJson(), MediaType);
                    break;
                case "/records" when isGet:
                    await WriteAsync(context, 200, "[" + string.Join(",", Records) + "]", MediaType);
                    break;
                case "/records":
                    Apply(body);
                    context.Response.StatusCode = 204;
                    break;
                default:
                    await WriteAsync(context, 200, Adjust(body), MediaType);
                    break;
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            await WriteAsync(context, 400, ex.Message + "\n", "text/plain");
        }
    }

    private string DomainFilterJson()
    {
        var filter = new JsonObject();
        if (_options.RegexInclude is not null || _options.RegexExclude is not null)
        {
            filter["regexInclude"] = _options.RegexInclude ?? string.Empty;
            filter["regexExclude"] = _options.RegexExclude ?? string.Empty;
        }
        else
        {
            filter["include"] = new JsonArray([.. _options.Include.Select(s => (JsonNode?)JsonValue.Create(s))]);
            filter["exclude"] = new JsonArray([.. _options.Exclude.Select(s => (JsonNode?)JsonValue.Create(s))]);
        }

        return filter.ToJsonString(Relaxed);
    }

    private void Apply(byte[] body)
    {
        using var doc = JsonDocument.Parse(body);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the changes are a JSON object");
        }

        IEnumerable<JsonElement> List(string name) =>
            doc.RootElement.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : [];

        lock (_lock)
        {
            var next = new List<(string Key, string Json)>(_records);
            foreach (var gone in List("delete").Concat(List("updateOld")))
            {
                var key = Key(gone);
                var index = next.FindIndex(r => r.Key == key);
                if (index < 0)
                {
                    throw new InvalidOperationException($"no record {key} to delete or update");
                }

                next.RemoveAt(index);
            }

            foreach (var added in List("updateNew").Concat(List("create")))
            {
                var key = Key(added);
                if (next.Any(r => r.Key == key))
                {
                    throw new InvalidOperationException($"record {key} already exists");
                }

                next.Add((key, added.GetRawText()));
            }

            _records.Clear();
            _records.AddRange(next);
        }
    }

    private string Adjust(byte[] body)
    {
        var endpoints = JsonNode.Parse(body) as JsonArray ?? throw new FormatException("the endpoints are a JSON array");
        if (_options.Adjust is null)
        {
            return endpoints.ToJsonString(Relaxed);
        }

        var adjusted = new JsonArray();
        foreach (var endpoint in endpoints)
        {
            var result = _options.Adjust(endpoint?.AsObject() ?? throw new FormatException("an endpoint is a JSON object"));
            if (result is not null)
            {
                adjusted.Add(result.DeepClone());
            }
        }

        return adjusted.ToJsonString(Relaxed);
    }

    private static async Task WriteAsync(HttpContext context, int status, string body, string contentType)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.Headers.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        try
        {
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
    }
}

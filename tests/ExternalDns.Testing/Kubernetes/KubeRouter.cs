using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ExternalDns.Testing.Kubernetes;

/// <summary>
/// The HTTP front of the emulator: records the request, applies injected delays and failures, authenticates the
/// bearer token, then serves discovery itself and hands resource paths to <see cref="KubeResourceHandler"/>.
/// Every error is a Kubernetes <c>Status</c> body.
/// </summary>
internal sealed class KubeRouter(KubeApiServer server, KubeResourceHandler resources)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var route = ParseRoute(segments, IsTrue(request.Query["watch"]));
        server.Requests.Add(new KubeRequestRecord(
            request.Method,
            route?.Verb(request.Method) ?? (request.Method == "GET" ? "get" : request.Method.ToLowerInvariant()),
            path,
            request.QueryString.Value ?? string.Empty,
            route?.ResourceName,
            route?.Namespace));
        var cancellation = context.RequestAborted;
        try
        {
            var delay = server.Faults.DelayFor(path);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, server.TimeProvider, cancellation).ConfigureAwait(false);
            }

            if (server.Faults.TryTakeFailure(path, out var code))
            {
                if (code == 429)
                {
                    context.Response.Headers.RetryAfter = "1";
                }

                throw new KubeApiException(code, KubeStatus.ReasonFor(code), $"injected failure ({code}) for {request.Method} {path}");
            }

            if (!server.IsAuthorized(request.Headers.Authorization.ToString()))
            {
                throw new KubeApiException(401, "Unauthorized", "Unauthorized");
            }

            if (route is not null)
            {
                await resources.HandleAsync(context, route, cancellation).ConfigureAwait(false);
            }
            else
            {
                await ServeDiscoveryAsync(context, segments, cancellation).ConfigureAwait(false);
            }
        }
        catch (KubeApiException e) when (!context.Response.HasStarted)
        {
            await WriteJsonAsync(context.Response, e.Code, KubeStatus.From(e), cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // the client went away
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            // An emulator bug: answer as the real server answers a panic, so the test sees it in the response.
            await WriteJsonAsync(context.Response, 500, KubeStatus.Failure(500, "InternalError", $"emulator error: {e.GetType().Name}: {e.Message}"), CancellationToken.None).ConfigureAwait(false);
        }
    }

    public static async Task WriteJsonAsync(HttpResponse response, int statusCode, JsonNode body, CancellationToken cancellationToken)
    {
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(KubeJson.ToWire(body));
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    public static bool IsTrue(string? value) => value is "1" or "true" or "True";

    private KubeRoute? ParseRoute(string[] segments, bool watch) => segments switch
    {
        ["api", "v1", .. var rest] when rest.Length > 0 => KubeRoute.Parse(server.Resources, "v1", rest, watch),
        ["apis", var group, var version, .. var rest] when rest.Length > 0 => KubeRoute.Parse(server.Resources, group + "/" + version, rest, watch),
        _ => null,
    };

    private async Task ServeDiscoveryAsync(HttpContext context, string[] segments, CancellationToken cancellationToken)
    {
        if (context.Request.Method != "GET")
        {
            throw new KubeApiException(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource");
        }

        var types = server.Resources.Types;
        JsonNode? body = segments switch
        {
            [] => new JsonObject { ["paths"] = new JsonArray(Paths(types).Select(p => (JsonNode)p).ToArray()) },
            ["version"] => KubeDiscovery.Version(server.Options.ServerVersion),
            ["healthz"] or ["livez"] or ["readyz"] => null,
            ["api"] => KubeDiscovery.ApiVersions($"127.0.0.1:{server.Port}"),
            ["api", "v1"] => KubeDiscovery.ApiResourceList(types, "v1"),
            ["apis"] => KubeDiscovery.ApiGroupList(types),
            ["apis", var group] => KubeDiscovery.ApiGroup(types, group),
            ["apis", var group, var version] => KubeDiscovery.ApiResourceList(types, group + "/" + version),
            ["openapi", "v3"] => KubeOpenApi.Root(types),
            ["openapi", "v3", .. var rest] when KubeOpenApi.ParseDocumentPath(string.Join('/', rest)) is { } gv => KubeOpenApi.GroupVersion(types, gv),
            _ => throw NotFound(),
        };
        if (body is null)
        {
            if (segments is not ([_] and (["healthz"] or ["livez"] or ["readyz"])))
            {
                throw NotFound();
            }

            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("ok", cancellationToken).ConfigureAwait(false);
            return;
        }

        await WriteJsonAsync(context.Response, 200, body, cancellationToken).ConfigureAwait(false);
    }

    private static IEnumerable<string> Paths(IReadOnlyList<KubeResourceType> types) =>
        new[] { "/api", "/api/v1", "/apis", "/healthz", "/livez", "/readyz", "/version" }
            .Concat(types.Where(t => t.Group.Length > 0).Select(t => "/apis/" + t.Group))
            .Concat(types.Where(t => t.Group.Length > 0).Select(t => "/apis/" + t.GroupVersion))
            .Distinct()
            .Order(StringComparer.Ordinal);

    private static KubeApiException NotFound() => new(404, "NotFound", "the server could not find the requested resource");
}

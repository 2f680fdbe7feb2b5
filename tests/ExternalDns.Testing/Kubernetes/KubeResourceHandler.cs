using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ExternalDns.Testing.Kubernetes;

/// <summary>
/// The verbs on resource paths (get, list, watch, create, update, patch, delete, deletecollection) with the real
/// server's semantics: optimistic concurrency on resourceVersion, the status subresource split, generation,
/// finalizers, dry run, list pagination with continue tokens, and watch streams.
/// </summary>
internal sealed class KubeResourceHandler(KubeApiServer server)
{
    private KubeObjectStore Store => server.Store;

    public Task HandleAsync(HttpContext context, KubeRoute route, CancellationToken cancellationToken)
    {
        if (route.Subresource is not null && (route.Subresource != "status" || !route.Type.HasStatus))
        {
            throw new KubeApiException(404, "NotFound", "the server could not find the requested resource");
        }

        return route.Verb(context.Request.Method) switch
        {
            "get" => GetAsync(context, route, cancellationToken),
            "list" => ListAsync(context, route, cancellationToken),
            "watch" => WatchAsync(context, route, cancellationToken),
            "create" when route.Name is null => CreateAsync(context, route, cancellationToken),
            "update" when route.Name is not null => UpdateAsync(context, route, cancellationToken),
            "patch" when route.Name is not null => PatchAsync(context, route, cancellationToken),
            "delete" => DeleteAsync(context, route, cancellationToken),
            "deletecollection" when route.Subresource is null => DeleteCollectionAsync(context, route, cancellationToken),
            _ => throw new KubeApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource"),
        };
    }

    private Task GetAsync(HttpContext context, KubeRoute route, CancellationToken cancellationToken)
    {
        var obj = Store.Get(route.Type, route.Namespace, route.Name!) ?? throw KubeApiException.NotFound(route.Type, route.Name!);
        if (KubeTable.IsRequested(context.Request.Headers.Accept))
        {
            var table = KubeTable.Create(route.Type, [obj], new JsonObject { ["resourceVersion"] = KubeJson.Metadata(obj)["resourceVersion"]?.DeepClone() }, server.TimeProvider.GetUtcNow(), context.Request.Query["includeObject"]);
            return KubeRouter.WriteJsonAsync(context.Response, 200, table, cancellationToken);
        }

        return KubeRouter.WriteJsonAsync(context.Response, 200, obj, cancellationToken);
    }

    private Task ListAsync(HttpContext context, KubeRoute route, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"]);
        var limit = ParseLong(query["limit"], "limit") ?? 0;
        var requested = ParseLong(query["resourceVersion"], "resourceVersion");
        var current = Store.ResourceVersion;
        if (requested > current)
        {
            throw new KubeApiException(504, "Timeout", $"Too large resource version: {requested}, current: {current}");
        }

        if (query["resourceVersionMatch"] == "Exact" && requested < Store.CompactedResourceVersion)
        {
            throw KubeApiException.Expired($"too old resource version: {requested} ({Store.CompactedResourceVersion + 1})");
        }

        long? listRv = null;
        string? after = null;
        if (!string.IsNullOrEmpty(query["continue"]))
        {
            (listRv, after) = DecodeContinue(query["continue"]!);
            if (listRv < Store.CompactedResourceVersion)
            {
                throw new KubeApiException(410, "Expired", "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.");
            }
        }

        var page = Store.ListPage(route.Type, route.Namespace, o => labels.Matches(KubeJson.Labels(o)) && fields.Matches(o), (int)Math.Min(limit, int.MaxValue), after);
        var rv = listRv ?? page.ResourceVersion;
        var metadata = new JsonObject { ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture) };
        if (page.NextKey is not null)
        {
            metadata["continue"] = EncodeContinue(rv, page.NextKey);
            metadata["remainingItemCount"] = page.Remaining;
        }

        if (KubeTable.IsRequested(context.Request.Headers.Accept))
        {
            var table = KubeTable.Create(route.Type, page.Items, metadata, server.TimeProvider.GetUtcNow(), query["includeObject"]);
            return KubeRouter.WriteJsonAsync(context.Response, 200, table, cancellationToken);
        }

        var items = new JsonArray();
        foreach (var item in page.Items)
        {
            if (!route.Type.IsCustom)
            {
                item.Remove("kind");
                item.Remove("apiVersion");
            }

            items.Add(item);
        }

        var list = new JsonObject
        {
            ["kind"] = route.Type.ListKind,
            ["apiVersion"] = route.Type.GroupVersion,
            ["metadata"] = metadata,
            ["items"] = items,
        };
        return KubeRouter.WriteJsonAsync(context.Response, 200, list, cancellationToken);
    }

    private async Task WatchAsync(HttpContext context, KubeRoute route, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(route.Name is null ? query["fieldSelector"] : $"metadata.name={route.Name}");
        var from = ParseLong(query["resourceVersion"], "resourceVersion");
        var bookmarks = KubeRouter.IsTrue(query["allowWatchBookmarks"]);
        var initialEvents = KubeRouter.IsTrue(query["sendInitialEvents"]);
        var timeout = ParseLong(query["timeoutSeconds"], "timeoutSeconds") is { } seconds and > 0 ? TimeSpan.FromSeconds(seconds) : server.Options.DefaultWatchTimeout;
        var table = KubeTable.IsRequested(context.Request.Headers.Accept);
        var response = context.Response;

        KubeWatcher watcher;
        try
        {
            if (server.Faults.TryTakeWatchExpiry(out var asHttpStatus))
            {
                var expired = KubeApiException.Expired($"too old resource version: {from ?? Store.ResourceVersion} ({Store.ResourceVersion})");
                throw asHttpStatus ? new HttpStatusException(expired) : new WatchErrorException(expired);
            }

            watcher = Store.Watch(route.Type, route.Namespace, labels, fields, initialEvents ? null : from, bookmarks, initialEvents && bookmarks);
        }
        catch (HttpStatusException e)
        {
            throw e.Error;
        }
        catch (WatchErrorException e)
        {
            await StartStreamAsync(response, cancellationToken).ConfigureAwait(false);
            await WriteEventAsync(response, new JsonObject { ["type"] = KubeWatchEvent.Error, ["object"] = KubeStatus.From(e.Error) }, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (KubeApiException e) when (e.Code == 410)
        {
            // The real server answers a too-old resourceVersion with a 200 stream holding one ERROR event.
            await StartStreamAsync(response, cancellationToken).ConfigureAwait(false);
            await WriteEventAsync(response, new JsonObject { ["type"] = KubeWatchEvent.Error, ["object"] = KubeStatus.From(e) }, cancellationToken).ConfigureAwait(false);
            return;
        }

        using (watcher)
        {
            using var timeoutSource = new CancellationTokenSource(timeout, server.TimeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
            await StartStreamAsync(response, cancellationToken).ConfigureAwait(false);
            try
            {
                await foreach (var change in watcher.Events.ReadAllAsync(linked.Token).ConfigureAwait(false))
                {
                    JsonNode? body = table && change.Type != KubeWatchEvent.Bookmark
                        ? KubeTable.Create(route.Type, [change.Object], new JsonObject { ["resourceVersion"] = change.ResourceVersion.ToString(CultureInfo.InvariantCulture) }, server.TimeProvider.GetUtcNow(), query["includeObject"])
                        : null;
                    await WriteEventAsync(response, change.ToWire(body), linked.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // timeoutSeconds elapsed: end the stream normally, as the real server does
            }

            if (watcher.Aborted)
            {
                context.Abort();
            }
        }
    }

    private async Task CreateAsync(HttpContext context, KubeRoute route, CancellationToken cancellationToken)
    {
        var type = route.Type;
        var body = await ReadObjectAsync(context, cancellationToken).ConfigureAwait(false);
        CheckKind(type, body);
        var metadata = KubeJson.Metadata(body);
        var ns = CheckNamespace(route, body);
        var name = KubeJson.GetString(metadata, "name");
        if (string.IsNullOrEmpty(name))
        {
            var prefix = KubeJson.GetString(metadata, "generateName");
            if (string.IsNullOrEmpty(prefix))
            {
                throw KubeApiException.Invalid(type, string.Empty, "metadata.name: Required value: name or generateName is required");
            }

            name = prefix + RandomSuffix();
        }

        if (type.Namespaced && Store.Get(server.Resources.Resolve("namespaces"), null, ns!) is null)
        {
            throw new KubeApiException(404, "NotFound", $"namespaces \"{ns}\" not found", ns, "namespaces");
        }

        foreach (var field in new[] { "uid", "resourceVersion", "creationTimestamp", "deletionTimestamp", "generation" })
        {
            metadata.Remove(field);
        }

        if (type.HasStatus && !type.StatusSettableOnCreate)
        {
            body.Remove("status");
        }

        type.Defaulter?.Invoke(body);
        if (IsDryRun(context))
        {
            if (Store.Get(type, ns, name) is not null)
            {
                throw KubeApiException.AlreadyExists(type, name);
            }

            metadata["name"] = name;
            await KubeRouter.WriteJsonAsync(context.Response, 201, body, cancellationToken).ConfigureAwait(false);
            return;
        }

        var created = Store.Commit(type, ns, name, current => current is null ? body : throw KubeApiException.AlreadyExists(type, name))!;
        await KubeRouter.WriteJsonAsync(context.Response, 201, created, cancellationToken).ConfigureAwait(false);
    }

    private async Task UpdateAsync(HttpContext context, KubeRoute route, CancellationToken cancellationToken)
    {
        var type = route.Type;
        var body = await ReadObjectAsync(context, cancellationToken).ConfigureAwait(false);
        CheckKind(type, body);
        CheckNamespace(route, body);
        var bodyName = KubeJson.Name(body);
        if (bodyName.Length > 0 && bodyName != route.Name)
        {
            throw KubeApiException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({route.Name})");
        }

        var bodyRv = KubeJson.GetString(KubeJson.Metadata(body), "resourceVersion");
        if (string.IsNullOrEmpty(bodyRv) && type.IsCustom)
        {
            throw KubeApiException.Invalid(type, route.Name!, "metadata.resourceVersion: Invalid value: 0x0: must be specified for an update");
        }

        var updated = Commit(context, route, current =>
        {
            if (!string.IsNullOrEmpty(bodyRv) && bodyRv != KubeJson.GetString(KubeJson.Metadata(current), "resourceVersion"))
            {
                throw KubeApiException.Conflict(type, route.Name!);
            }

            return body;
        });
        await KubeRouter.WriteJsonAsync(context.Response, 200, updated, cancellationToken).ConfigureAwait(false);
    }

    private async Task PatchAsync(HttpContext context, KubeRoute route, CancellationToken cancellationToken)
    {
        var type = route.Type;
        var contentType = (context.Request.ContentType ?? string.Empty).Split(';')[0].Trim();
        var patch = await ReadJsonAsync(context, cancellationToken).ConfigureAwait(false);
        Func<JsonObject, JsonNode?> apply = contentType switch
        {
            "application/merge-patch+json" => current => JsonMergePatch.Apply(current, patch),
            "application/strategic-merge-patch+json" when !type.IsCustom => current => StrategicMergePatch.Apply(current, patch),
            "application/json-patch+json" => current => JsonPatch.Apply(current, patch as JsonArray ?? throw KubeApiException.BadRequest("a JSON patch must be an array of operations")),
            _ => throw new KubeApiException(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json{(type.IsCustom ? string.Empty : ", application/strategic-merge-patch+json")}"),
        };
        var patched = Commit(context, route, current =>
        {
            var currentRv = KubeJson.GetString(KubeJson.Metadata(current), "resourceVersion");
            var result = apply((JsonObject)current.DeepClone()) as JsonObject ?? throw KubeApiException.BadRequest("the patch did not produce an object");
            var rv = KubeJson.GetString(KubeJson.Metadata(result), "resourceVersion");
            if (!string.IsNullOrEmpty(rv) && rv != currentRv)
            {
                throw KubeApiException.Conflict(type, route.Name!);
            }

            return result;
        });
        await KubeRouter.WriteJsonAsync(context.Response, 200, patched, cancellationToken).ConfigureAwait(false);
    }

    private async Task DeleteAsync(HttpContext context, KubeRoute route, CancellationToken cancellationToken)
    {
        var type = route.Type;
        var options = context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0
            ? await ReadJsonAsync(context, cancellationToken).ConfigureAwait(false) as JsonObject
            : null;
        var preconditions = options?["preconditions"] as JsonObject;
        var immediate = false;
        var dryRun = IsDryRun(context);
        JsonObject? result;
        try
        {
            result = Store.Commit(type, route.Namespace, route.Name!, current => DeleteOne(current, preconditions, dryRun, ref immediate));
        }
        catch (DryRunResult dry)
        {
            result = dry.Object;
            immediate = true;
        }

        if (immediate && !dryRun && type.Key == "namespaces")
        {
            Store.DeleteNamespaceContents(server.Resources.Types, route.Name!);
        }

        await KubeRouter.WriteJsonAsync(context.Response, immediate ? 200 : 202, result!, cancellationToken).ConfigureAwait(false);

        JsonObject? DeleteOne(JsonObject? current, JsonObject? preconditions, bool dryRun, ref bool immediate)
        {
            if (current is null)
            {
                throw KubeApiException.NotFound(type, route.Name!);
            }

            var metadata = KubeJson.Metadata(current);
            if ((KubeJson.GetString(preconditions, "uid") is { } uid && uid != KubeJson.GetString(metadata, "uid"))
                || (KubeJson.GetString(preconditions, "resourceVersion") is { } rv && rv != KubeJson.GetString(metadata, "resourceVersion")))
            {
                throw new KubeApiException(409, "Conflict", $"Operation cannot be fulfilled on {type.Key} \"{route.Name}\": Precondition failed", route.Name, type.Plural, type.Group);
            }

            if (dryRun)
            {
                throw new DryRunResult(current);
            }

            if ((metadata["finalizers"] as JsonArray)?.Count > 0)
            {
                metadata["deletionTimestamp"] ??= KubeJson.Timestamp(server.TimeProvider.GetUtcNow());
                metadata["deletionGracePeriodSeconds"] ??= 0;
                return current;
            }

            immediate = true;
            return null;
        }
    }

    private async Task DeleteCollectionAsync(HttpContext context, KubeRoute route, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"]);
        var page = Store.ListPage(route.Type, route.Namespace, o => labels.Matches(KubeJson.Labels(o)) && fields.Matches(o), 0, null);
        var items = new JsonArray();
        foreach (var item in page.Items)
        {
            var deleted = Store.Commit(route.Type, KubeJson.Namespace(item), KubeJson.Name(item), current =>
            {
                if (current is not null && (KubeJson.Metadata(current)["finalizers"] as JsonArray)?.Count > 0)
                {
                    KubeJson.Metadata(current)["deletionTimestamp"] ??= KubeJson.Timestamp(server.TimeProvider.GetUtcNow());
                    return current;
                }

                return null;
            });
            if (deleted is not null)
            {
                items.Add(deleted);
            }
        }

        var list = new JsonObject
        {
            ["kind"] = route.Type.ListKind,
            ["apiVersion"] = route.Type.GroupVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = Store.ResourceVersion.ToString(CultureInfo.InvariantCulture) },
            ["items"] = items,
        };
        await KubeRouter.WriteJsonAsync(context.Response, 200, list, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An update through the main resource or <c>/status</c>: <paramref name="change"/> produces the requested
    /// object from the current one; then the status subresource split, immutable metadata and dry run apply.</summary>
    private JsonObject Commit(HttpContext context, KubeRoute route, Func<JsonObject, JsonObject> change)
    {
        var type = route.Type;
        var dryRun = IsDryRun(context);
        try
        {
            return Store.Commit(type, route.Namespace, route.Name!, current =>
            {
                if (current is null)
                {
                    throw KubeApiException.NotFound(type, route.Name!);
                }

                var requested = change(current);
                JsonObject next;
                if (route.Subresource == "status")
                {
                    next = (JsonObject)current.DeepClone();
                    SetOrRemove(next, "status", requested["status"]);
                }
                else
                {
                    next = requested;
                    if (type.HasStatus)
                    {
                        SetOrRemove(next, "status", current["status"]);
                    }
                }

                var metadata = KubeJson.Metadata(next);
                var old = KubeJson.Metadata(current);
                metadata["deletionTimestamp"] = old["deletionTimestamp"]?.DeepClone();
                metadata.Remove("generation");
                if (old["generation"] is { } generation)
                {
                    metadata["generation"] = generation.DeepClone();
                }

                RemoveNulls(metadata);
                return dryRun ? throw new DryRunResult(next) : next;
            })!;
        }
        catch (DryRunResult result)
        {
            return result.Object;
        }
    }

    private static void SetOrRemove(JsonObject obj, string property, JsonNode? value)
    {
        if (value is null)
        {
            obj.Remove(property);
        }
        else
        {
            obj[property] = value.DeepClone();
        }
    }

    private static void RemoveNulls(JsonObject obj)
    {
        foreach (var key in obj.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList())
        {
            obj.Remove(key);
        }
    }

    private static void CheckKind(KubeResourceType type, JsonObject body)
    {
        var apiVersion = KubeJson.GetString(body, "apiVersion");
        var kind = KubeJson.GetString(body, "kind");
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != type.GroupVersion)
        {
            throw KubeApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.GroupVersion})");
        }

        if (!string.IsNullOrEmpty(kind) && kind != type.Kind)
        {
            throw KubeApiException.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind})");
        }
    }

    private static string? CheckNamespace(KubeRoute route, JsonObject body)
    {
        if (!route.Type.Namespaced)
        {
            return null;
        }

        if (route.Namespace is null)
        {
            throw KubeApiException.BadRequest($"the namespace of the object is required: POST or PUT {route.Type.Plural} through /namespaces/{{namespace}}/");
        }

        var bodyNs = KubeJson.Namespace(body);
        if (bodyNs.Length > 0 && bodyNs != route.Namespace)
        {
            throw KubeApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        return route.Namespace;
    }

    private static bool IsDryRun(HttpContext context) => context.Request.Query["dryRun"] == "All";

    private static async Task<JsonNode> ReadJsonAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var contentType = context.Request.ContentType ?? "application/json";
        if (contentType.Contains("yaml", StringComparison.OrdinalIgnoreCase) || contentType.Contains("protobuf", StringComparison.OrdinalIgnoreCase))
        {
            throw new KubeApiException(415, "UnsupportedMediaType", $"the emulator accepts JSON bodies only, not {contentType}");
        }

        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: cancellationToken).ConfigureAwait(false)
                ?? throw KubeApiException.BadRequest("empty request body");
        }
        catch (JsonException e)
        {
            throw KubeApiException.BadRequest("the request body is not valid JSON: " + e.Message);
        }
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext context, CancellationToken cancellationToken) =>
        await ReadJsonAsync(context, cancellationToken).ConfigureAwait(false) as JsonObject
            ?? throw KubeApiException.BadRequest("the request body must be a JSON object");

    private static long? ParseLong(string? value, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw KubeApiException.BadRequest($"{name}: Invalid value: \"{value}\": must be a non-negative integer");
    }

    private static string EncodeContinue(long resourceVersion, string lastKey)
    {
        var json = new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = resourceVersion, ["start"] = lastKey + "\u0000" }.ToJsonString();
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static (long ResourceVersion, string AfterKey) DecodeContinue(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var json = JsonNode.Parse(Convert.FromBase64String(base64)) as JsonObject;
            var start = KubeJson.GetString(json, "start");
            if (KubeJson.GetString(json, "v") != "meta.k8s.io/v1" || KubeJson.Long(json?["rv"]) is not { } rv || string.IsNullOrEmpty(start))
            {
                throw KubeApiException.BadRequest("invalid continue token: continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
            }

            return (rv, start.TrimEnd('\u0000'));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw KubeApiException.BadRequest("invalid continue token: continue key is not valid: " + e.Message);
        }
    }

    private static string RandomSuffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });
    }

    private static async Task StartStreamAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-cache, private";
        await response.StartAsync(cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteEventAsync(HttpResponse response, JsonObject wire, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(KubeJson.ToWire(wire) + "\n");
        await response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Carries a dry-run result out of a store commit, so nothing is written.</summary>
    private sealed class DryRunResult(JsonObject obj) : Exception
    {
        public JsonObject Object { get; } = obj;
    }

    /// <summary>An injected watch failure that is answered as a plain HTTP error.</summary>
    private sealed class HttpStatusException(KubeApiException error) : Exception
    {
        public KubeApiException Error { get; } = error;
    }

    /// <summary>An injected watch failure that is answered as an ERROR event.</summary>
    private sealed class WatchErrorException(KubeApiException error) : Exception
    {
        public KubeApiException Error { get; } = error;
    }
}

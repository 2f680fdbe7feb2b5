using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ExternalDns.Testing.Cloudflare;

/// <summary>
/// The HTTP front of <see cref="CloudflareApiServer"/>: counts the call, applies injected delays and faults,
/// authenticates, checks the permission of the operation, dispatches, and writes Cloudflare's envelope.
/// </summary>
internal sealed class CloudflareRouter(CloudflareApiServer server)
{
    private const string BasePath = "/client/v4";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var fullPath = request.Path.Value ?? "/";
        var path = fullPath.StartsWith(BasePath, StringComparison.Ordinal) ? fullPath[BasePath.Length..] : null;
        var segments = path?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var route = path is null ? null : Route(request.Method, segments);
        var operation = route?.Operation ?? CloudflareCallCounter.Unknown;
        server.Calls.Add(operation);
        var cancellation = context.RequestAborted;
        var status = 200;
        try
        {
            var delay = server.Faults.CurrentDelay;
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, server.TimeProvider, cancellation).ConfigureAwait(false);
            }

            if (server.Faults.TryTake(operation, out var faultStatus, out var retryAfter))
            {
                status = faultStatus;
                await WriteFaultAsync(context.Response, faultStatus, retryAfter, cancellation).ConfigureAwait(false);
                return;
            }

            JsonObject? body = null;
            if (request.Method is "POST" or "PUT" or "PATCH")
            {
                body = await ReadBodyAsync(request, cancellation).ConfigureAwait(false);
            }

            JsonObject envelope;
            lock (server.StateLock)
            {
                var permissions = server.Authenticate(
                    request.Headers.Authorization.ToString(),
                    request.Headers["X-Auth-Key"].ToString(),
                    request.Headers["X-Auth-Email"].ToString(),
                    out var authError);
                if (authError is not null)
                {
                    throw authError;
                }

                if (route is null)
                {
                    throw CloudflareApiException.NoRoute(path ?? fullPath);
                }

                if (route.AnyOf != CloudflarePermissions.None && (permissions!.Value & route.AnyOf) == 0)
                {
                    throw CloudflareApiException.AuthenticationError();
                }

                var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
                envelope = Dispatch(route, path!, query, body);
            }

            await WriteJsonAsync(context.Response, 200, envelope, cancellation).ConfigureAwait(false);
        }
        catch (CloudflareApiException e) when (!context.Response.HasStarted)
        {
            status = e.Status;
            await WriteJsonAsync(context.Response, e.Status, CloudflareWire.ErrorEnvelope(e.Errors), cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            status = 499;
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            // An emulator bug: a 500 the test will see, with the reason.
            status = 500;
            await WriteJsonAsync(context.Response, 500, CloudflareWire.ErrorEnvelope([new CloudflareErrorItem(10000, $"emulator error: {e.GetType().Name}: {e.Message}")]), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            lock (server.StateLock)
            {
                server.RequestLog.Add(new CloudflareRequestRecord(request.Method, fullPath, request.QueryString.Value ?? string.Empty, operation, status));
            }
        }
    }

    private JsonObject Dispatch(RouteMatch route, string path, IReadOnlyDictionary<string, string> query, JsonObject? body)
    {
        var zone = route.ZoneId;
        var id = route.Id;
        switch (route.Operation)
        {
            case CloudflareCallCounter.ZonesList:
                var (zones, zonesInfo) = server.ListZones(query);
                return CloudflareWire.Envelope(zones, zonesInfo);
            case CloudflareCallCounter.ZonesGet:
                return CloudflareWire.Envelope(server.GetZone(zone!, path));
            case CloudflareCallCounter.RecordsList:
                var (records, recordsInfo) = server.ListRecords(zone!, path, query);
                return CloudflareWire.Envelope(records, recordsInfo);
            case CloudflareCallCounter.RecordsGet:
                return CloudflareWire.Envelope(server.GetRecord(zone!, id!, path));
            case CloudflareCallCounter.RecordsCreate:
                return CloudflareWire.Envelope(server.CreateRecord(zone!, path, body!));
            case CloudflareCallCounter.RecordsUpdate:
                return CloudflareWire.Envelope(server.UpdateRecord(zone!, id!, path, body!, merge: false));
            case CloudflareCallCounter.RecordsEdit:
                return CloudflareWire.Envelope(server.UpdateRecord(zone!, id!, path, body!, merge: true));
            case CloudflareCallCounter.RecordsDelete:
                return CloudflareWire.Envelope(server.DeleteRecord(zone!, id!, path));
            case CloudflareCallCounter.RecordsBatch:
                return CloudflareWire.Envelope(server.Batch(zone!, path, body!));
            case CloudflareCallCounter.CustomHostnamesList:
                var (chs, chInfo) = server.ListCustomHostnames(zone!, path, query);
                return CloudflareWire.Envelope(chs, chInfo);
            case CloudflareCallCounter.CustomHostnamesGet:
                return CloudflareWire.Envelope(server.GetCustomHostname(zone!, id!, path));
            case CloudflareCallCounter.CustomHostnamesCreate:
                return CloudflareWire.Envelope(server.CreateCustomHostname(zone!, path, body!));
            case CloudflareCallCounter.CustomHostnamesDelete:
                return CloudflareWire.Envelope(server.DeleteCustomHostname(zone!, id!, path));
            case CloudflareCallCounter.RegionalHostnamesList:
                return CloudflareWire.Envelope(server.ListRegionalHostnames(zone!, path));
            case CloudflareCallCounter.RegionalHostnamesGet:
                return CloudflareWire.Envelope(server.GetRegionalHostname(zone!, id!, path));
            case CloudflareCallCounter.RegionalHostnamesCreate:
                return CloudflareWire.Envelope(server.CreateRegionalHostname(zone!, path, body!));
            case CloudflareCallCounter.RegionalHostnamesEdit:
                return CloudflareWire.Envelope(server.EditRegionalHostname(zone!, id!, path, body!));
            case CloudflareCallCounter.RegionalHostnamesDelete:
                return CloudflareWire.Envelope(server.DeleteRegionalHostname(zone!, id!, path));
            default:
                throw CloudflareApiException.NoRoute(path);
        }
    }

    private static RouteMatch? Route(string method, string[] s)
    {
        const CloudflarePermissions dnsRead = CloudflarePermissions.DnsRead | CloudflarePermissions.DnsWrite;
        const CloudflarePermissions dnsWrite = CloudflarePermissions.DnsWrite;
        const CloudflarePermissions sslRead = CloudflarePermissions.SslRead | CloudflarePermissions.SslWrite;
        const CloudflarePermissions sslWrite = CloudflarePermissions.SslWrite;
        return (method, s) switch
        {
            ("GET", ["zones"]) => new(CloudflareCallCounter.ZonesList, CloudflarePermissions.ZoneRead, null, null),
            ("GET", ["zones", var z]) => new(CloudflareCallCounter.ZonesGet, CloudflarePermissions.ZoneRead, z, null),
            ("GET", ["zones", var z, "dns_records"]) => new(CloudflareCallCounter.RecordsList, dnsRead, z, null),
            ("POST", ["zones", var z, "dns_records"]) => new(CloudflareCallCounter.RecordsCreate, dnsWrite, z, null),
            ("POST", ["zones", var z, "dns_records", "batch"]) => new(CloudflareCallCounter.RecordsBatch, dnsWrite, z, null),
            ("GET", ["zones", var z, "dns_records", var id]) => new(CloudflareCallCounter.RecordsGet, dnsRead, z, id),
            ("PUT", ["zones", var z, "dns_records", var id]) => new(CloudflareCallCounter.RecordsUpdate, dnsWrite, z, id),
            ("PATCH", ["zones", var z, "dns_records", var id]) => new(CloudflareCallCounter.RecordsEdit, dnsWrite, z, id),
            ("DELETE", ["zones", var z, "dns_records", var id]) => new(CloudflareCallCounter.RecordsDelete, dnsWrite, z, id),
            ("GET", ["zones", var z, "custom_hostnames"]) => new(CloudflareCallCounter.CustomHostnamesList, sslRead, z, null),
            ("POST", ["zones", var z, "custom_hostnames"]) => new(CloudflareCallCounter.CustomHostnamesCreate, sslWrite, z, null),
            ("GET", ["zones", var z, "custom_hostnames", var id]) => new(CloudflareCallCounter.CustomHostnamesGet, sslRead, z, id),
            ("DELETE", ["zones", var z, "custom_hostnames", var id]) => new(CloudflareCallCounter.CustomHostnamesDelete, sslWrite, z, id),
            ("GET", ["zones", var z, "addressing", "regional_hostnames"]) => new(CloudflareCallCounter.RegionalHostnamesList, dnsRead, z, null),
            ("POST", ["zones", var z, "addressing", "regional_hostnames"]) => new(CloudflareCallCounter.RegionalHostnamesCreate, dnsWrite, z, null),
            ("GET", ["zones", var z, "addressing", "regional_hostnames", var h]) => new(CloudflareCallCounter.RegionalHostnamesGet, dnsRead, z, h),
            ("PATCH", ["zones", var z, "addressing", "regional_hostnames", var h]) => new(CloudflareCallCounter.RegionalHostnamesEdit, dnsWrite, z, h),
            ("DELETE", ["zones", var z, "addressing", "regional_hostnames", var h]) => new(CloudflareCallCounter.RegionalHostnamesDelete, dnsWrite, z, h),
            _ => null,
        };
    }

    private static async Task<JsonObject> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var node = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
            return node as JsonObject ?? throw CloudflareApiException.BadJson("the body must be a JSON object");
        }
        catch (JsonException e)
        {
            throw CloudflareApiException.BadJson(e.Message);
        }
    }

    private static async Task WriteFaultAsync(HttpResponse response, int status, int retryAfterSeconds, CancellationToken cancellationToken)
    {
        if (status == 429)
        {
            response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await WriteJsonAsync(response, 429, CloudflareWire.ErrorEnvelope([new CloudflareErrorItem(971, "Please wait and consider throttling your request speed")]), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (status is 502 or 504)
        {
            // Cloudflare's edge answers gateway errors with an HTML page, not the API envelope.
            response.StatusCode = status;
            response.ContentType = "text/html";
            var html = Encoding.UTF8.GetBytes($"<html><head><title>{status} Bad Gateway</title></head><body><center><h1>{status} Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>");
            response.ContentLength = html.Length;
            await response.Body.WriteAsync(html, cancellationToken).ConfigureAwait(false);
            return;
        }

        await WriteJsonAsync(response, status, CloudflareWire.ErrorEnvelope([new CloudflareErrorItem(10000, "Internal server error (injected)")]), cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteJsonAsync(HttpResponse response, int statusCode, JsonObject body, CancellationToken cancellationToken)
    {
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    private sealed record RouteMatch(string Operation, CloudflarePermissions AnyOf, string? ZoneId, string? Id);
}

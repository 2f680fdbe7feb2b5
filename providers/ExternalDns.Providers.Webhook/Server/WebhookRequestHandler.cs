using System.Text.Json;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Providers.Webhook.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Webhook.Server;

/// <summary>
/// Serves one provider over upstream's webhook protocol, as upstream's <c>provider/webhook/api</c> does: <c>/records</c>
/// (GET lists, POST applies and answers 204), <c>/adjustendpoints</c> (POST), and every other path negotiates (answers
/// the provider's domain filter). Another method on <c>/records</c> or <c>/adjustendpoints</c> is 400, a body that is not
/// JSON 400, a body over the limit 413, a provider failure 500 (which upstream's client treats as transient). The
/// provider's work is not cancelled when the client gives up (as upstream, so that a change set is never cut in half by
/// a client timeout); only the server's shutdown cancels it.
/// </summary>
internal sealed class WebhookRequestHandler(IDnsProvider provider, WebhookServerOptions options, ILogger logger, CancellationToken stopping)
{
    /// <summary>Reset at every <c>GET /records</c> (a client's reconcile starts there).</summary>
    public RetryBudget? RetryBudget { get; init; }

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var method = request.Method;
        var path = request.Path.Value ?? "/";

        // Go's WriteTimeout: a request still unanswered after it loses its connection.
        using var writeDeadline = options.WriteTimeout > TimeSpan.Zero ? new CancellationTokenSource(options.WriteTimeout) : null;
        using var abortOnDeadline = writeDeadline?.Token.Register(context.Abort);
        try
        {
            switch (path)
            {
                case WebhookProtocol.RecordsPath when HttpMethods.IsGet(method):
                    RetryBudget?.Reset();
                    var records = await provider.RecordsAsync(stopping).ConfigureAwait(false);
                    await WriteAsync(context, StatusCodes.Status200OK, WebhookJson.WriteEndpoints(records)).ConfigureAwait(false);
                    break;
                case WebhookProtocol.RecordsPath when HttpMethods.IsPost(method):
                    await ApplyAsync(context).ConfigureAwait(false);
                    break;
                case WebhookProtocol.AdjustEndpointsPath when HttpMethods.IsPost(method):
                    var desired = await ReadBodyAsync(context, WebhookJson.ReadEndpointsAsync).ConfigureAwait(false);
                    var adjusted = await provider.AdjustEndpointsAsync(desired, stopping).ConfigureAwait(false);
                    await WriteAsync(context, StatusCodes.Status200OK, WebhookJson.WriteEndpoints(adjusted)).ConfigureAwait(false);
                    break;
                case WebhookProtocol.RecordsPath or WebhookProtocol.AdjustEndpointsPath:
                    Reject(context, StatusCodes.Status400BadRequest, $"method {method} is not supported here");
                    break;
                default:
                    await WriteAsync(context, StatusCodes.Status200OK, WebhookJson.WriteDomainFilter(provider.DomainFilter)).ConfigureAwait(false);
                    break;
            }
        }
        catch (BadHttpRequestException ex)
        {
            Reject(context, ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? $"the body is larger than {options.MaxBodySize} bytes (--webhook-provider-max-body-size)" : ex.Message);
        }
        catch (JsonException ex)
        {
            Reject(context, StatusCodes.Status400BadRequest, $"the body is not valid: {ex.Message}");
        }
        catch (RequestBodyTimeoutException)
        {
            Reject(context, StatusCodes.Status408RequestTimeout, $"the body did not arrive within {options.ReadTimeout.TotalSeconds:0.###}s (--webhook-provider-read-timeout)");
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || stopping.IsCancellationRequested)
        {
            // The connection is gone (the client gave up, or the write timeout closed it) or the server is stopping.
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            // Any provider failure is a 500, as upstream: its client treats 500 as transient and retries on its next run.
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            WebhookServerLog.ProviderFailed(logger, method, path, StatusCodes.Status500InternalServerError, ex.Message);
        }
        finally
        {
            WebhookServerLog.Request(logger, method, path, context.Response.StatusCode);
        }
    }

    private async Task ApplyAsync(HttpContext context)
    {
        var changes = await ReadBodyAsync(context, WebhookJson.ReadChangesAsync).ConfigureAwait(false);
        if (options.DryRun)
        {
            WebhookServerLog.DryRun(logger, changes.Create.Count, changes.UpdateNew.Count, changes.Delete.Count);
        }
        else if (changes.HasChanges)
        {
            await provider.ApplyChangesAsync(changes, stopping).ConfigureAwait(false);
            WebhookServerLog.Applied(logger, changes.Create.Count, changes.UpdateNew.Count, changes.Delete.Count);
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private async Task<T> ReadBodyAsync<T>(HttpContext context, Func<Stream, CancellationToken, Task<T>> read)
    {
        // Go's ReadTimeout: the whole body within it.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        if (options.ReadTimeout > TimeSpan.Zero)
        {
            deadline.CancelAfter(options.ReadTimeout);
        }

        try
        {
            return await read(context.Request.Body, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            throw new RequestBodyTimeoutException();
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.ContentType = WebhookProtocol.MediaType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body).ConfigureAwait(false);
    }

    private void Reject(HttpContext context, int status, string reason)
    {
        if (!context.Response.HasStarted)
        {
            context.Response.StatusCode = status;
        }

        WebhookServerLog.Rejected(logger, context.Request.Method, context.Request.Path.Value ?? "/", status, reason);
    }

    private sealed class RequestBodyTimeoutException : Exception
    {
    }
}

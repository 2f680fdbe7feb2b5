using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Webhook;

/// <summary>Source-generated log messages of the webhook provider (each request is logged by the shared HTTP stack: method, path, status and time, never a body or a header).</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Webhook {Url} negotiated; its domain filter: {Filter}")]
    public static partial void Negotiated(ILogger logger, string url, string filter);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Webhook {Url}: negotiation attempt {Attempt} of {Attempts} failed ({Reason}); retrying in {Delay}")]
    public static partial void NegotiationRetry(ILogger logger, string url, int attempt, int attempts, string reason, TimeSpan delay);
}

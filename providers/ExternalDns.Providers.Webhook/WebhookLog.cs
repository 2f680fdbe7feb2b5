using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Webhook;

/// <summary>Source-generated log messages of the webhook provider: method, path and status, never a body or a header.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Webhook {Method} {Path} answered {Status}")]
    public static partial void Request(ILogger logger, string method, string path, int status);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Webhook {Url} negotiated; its domain filter: {Filter}")]
    public static partial void Negotiated(ILogger logger, string url, string filter);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Webhook {Url}: negotiation attempt {Attempt} of {Attempts} failed ({Reason}); retrying in {Delay}")]
    public static partial void NegotiationRetry(ILogger logger, string url, int attempt, int attempts, string reason, TimeSpan delay);
}

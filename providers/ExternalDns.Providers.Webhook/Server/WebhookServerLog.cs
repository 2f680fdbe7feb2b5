using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Webhook.Server;

/// <summary>Source-generated log messages of the webhook server: method, path and status, never a body or a header.</summary>
internal static partial class WebhookServerLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "Webhook server: {Method} {Path} answered {Status}")]
    public static partial void Request(ILogger logger, string method, string path, int status);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "Webhook server: {Method} {Path} failed, answered {Status}: {Error}")]
    public static partial void ProviderFailed(ILogger logger, string method, string path, int status, string error);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Webhook server: {Method} {Path} rejected with {Status}: {Reason}")]
    public static partial void Rejected(ILogger logger, string method, string path, int status, string reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Webhook server (dry run): {Create} to create, {Update} to update, {Delete} to delete; nothing applied")]
    public static partial void DryRun(ILogger logger, int create, int update, int delete);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Webhook server: applied {Create} creates, {Update} updates, {Delete} deletes")]
    public static partial void Applied(ILogger logger, int create, int update, int delete);
}

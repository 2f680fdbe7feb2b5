using Microsoft.Extensions.Logging;

namespace ExternalDns.Core.Providers.Http;

/// <summary>Log messages of the handler stack: method, path (never the query), status and time only; never a header or a body.</summary>
internal static partial class ProviderHttpLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Provider} {Operation}: {Method} {Path} answered {Status} in {Elapsed}")]
    public static partial void Answered(ILogger logger, string provider, string operation, string method, string path, int status, TimeSpan elapsed);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "{Provider} {Operation}: {Method} {Path} failed in {Elapsed}: {Reason}")]
    public static partial void Failed(ILogger logger, string provider, string operation, string method, string path, TimeSpan elapsed, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "{Provider} {Operation}: {Method} {Path} attempt {Attempt} failed ({Reason}); retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string provider, string operation, string method, string path, int attempt, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "{Provider} {Operation}: {Method} {Path} not retried after attempt {Attempt} ({Reason}): {Why}")]
    public static partial void GivingUp(ILogger logger, string provider, string operation, string method, string path, int attempt, string reason, string why);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "{Provider}: TLS certificate verification is disabled: any server certificate is accepted")]
    public static partial void TlsVerificationDisabled(ILogger logger, string provider);
}

using Microsoft.Extensions.Logging;

namespace ExternalDns.Core.Registry;

internal static partial class TxtRegistryLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Using cached records")]
    public static partial void UsingCachedRecords(ILogger logger);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "TXT record has no targets {DnsName}")]
    public static partial void TxtWithoutTargets(ILogger logger, string dnsName);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
        Message = "Obsolete legacy TXT record {LegacyName} for A ALIAS {DnsName} can be removed; now using {NewName}")]
    public static partial void ObsoleteAliasTxt(ILogger logger, string legacyName, string dnsName, string newName);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug,
        Message = "Skipping endpoint {Endpoint}: owner {Found} is not {Required}")]
    public static partial void SkippingForeignEndpoint(ILogger logger, ExternalDns.Core.Endpoints.Endpoint endpoint, string? found, string required);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error,
        Message = "Label in {DnsName} is longer than 63 characters: no ownership TXT record can be written for it")]
    public static partial void TxtNameTooLong(ILogger logger, string dnsName);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning,
        Message = "Invalid txt-encryption-nonce label on {DnsName}; a new nonce is used")]
    public static partial void InvalidNonce(ILogger logger, string dnsName);
}

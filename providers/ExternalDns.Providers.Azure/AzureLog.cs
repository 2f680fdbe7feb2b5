using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Azure;

/// <summary>Source-generated log messages of the Azure providers. None of them carries a secret or a token.</summary>
internal static partial class AzureLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Azure {Provider}: subscription {Subscription}, resource group '{ResourceGroup}', ARM {Endpoint}, credential: {Credential}")]
    public static partial void Configured(ILogger logger, string provider, string subscription, string resourceGroup, Uri endpoint, string credential);

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "Azure: {Total} zones listed, {Managed} managed")]
    public static partial void ZonesListed(ILogger logger, int total, int managed);

    [LoggerMessage(EventId = 11, Level = LogLevel.Debug, Message = "Azure: using the cached zone list ({Count} zones)")]
    public static partial void ZonesCached(ILogger logger, int count);

    [LoggerMessage(EventId = 12, Level = LogLevel.Debug, Message = "Azure: read {Count} records from {Zones} zones")]
    public static partial void RecordsRead(ILogger logger, int count, int zones);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Azure zone {Zone}: {Action} {Type} record set '{Name}'")]
    public static partial void Write(ILogger logger, string zone, string action, string type, string name);

    [LoggerMessage(EventId = 21, Level = LogLevel.Debug, Message = "Azure zone {Zone}: {Type} record set '{Name}' targets {Targets} TTL {Ttl}")]
    public static partial void WriteDetail(ILogger logger, string zone, string type, string name, string targets, long ttl);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Azure zone {Zone}: could not {Action} {Type} record set '{Name}': {Reason}")]
    public static partial void WriteFailed(ILogger logger, string zone, string action, string type, string name, string reason);

    [LoggerMessage(EventId = 23, Level = LogLevel.Information, Message = "Azure: ignoring changes to '{Name}': no managed Azure DNS zone contains it")]
    public static partial void NoZone(ILogger logger, string name);

    [LoggerMessage(EventId = 24, Level = LogLevel.Information, Message = "Azure: {Applied} record set writes applied, {Skipped} unchanged record sets not written, {Failed} failed")]
    public static partial void Applied(ILogger logger, int applied, int skipped, int failed);

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Azure: ignoring {Name} {Type}: {Reason}")]
    public static partial void InvalidEndpoint(ILogger logger, string name, string type, string reason);
}

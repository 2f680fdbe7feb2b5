using ExternalDns.Core.Endpoints;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.PowerDns;

/// <summary>Source-generated log messages of the PowerDNS provider. None of them carries the API key.</summary>
internal static partial class PowerDnsLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "PowerDNS server is set to '{Server}', which is not a URL; specify one with --pdns-server=")]
    public static partial void ServerLooksLikeHostName(ILogger logger, string server);

    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "PowerDNS: {Total} zones, {Managed} within the domain filter")]
    public static partial void ZonesListed(ILogger logger, int total, int managed);

    [LoggerMessage(EventId = 21, Level = LogLevel.Debug, Message = "PowerDNS: read {Count} records from {Zones} zones")]
    public static partial void RecordsRead(ILogger logger, int count, int zones);

    [LoggerMessage(EventId = 30, Level = LogLevel.Debug, Message = "PowerDNS zone {Zone}: {Change} {Name} {Type} {Targets}")]
    public static partial void RRsetChange(ILogger logger, string zone, string change, string name, string type, string targets);

    [LoggerMessage(EventId = 31, Level = LogLevel.Information, Message = "PowerDNS zone {Zone} updated: {Replaced} rrsets replaced, {Deleted} deleted")]
    public static partial void ZonePatched(ILogger logger, string zone, int replaced, int deleted);

    [LoggerMessage(EventId = 32, Level = LogLevel.Debug, Message = "PowerDNS: ignoring {Name} {Type}: its zone {Zone} is outside the domain filter")]
    public static partial void OutsideDomainFilter(ILogger logger, string name, string type, string zone);

    [LoggerMessage(EventId = 33, Level = LogLevel.Warning, Message = "PowerDNS: no zone on the server matches {Name} {Type}; the change is skipped")]
    public static partial void NoMatchingZone(ILogger logger, string name, string type);

    [LoggerMessage(EventId = 34, Level = LogLevel.Warning, Message = "PowerDNS: ignoring {Name} {Type} {Targets}: {Reason}")]
    public static partial void InvalidEndpoint(ILogger logger, string name, string type, Targets targets, string reason);

    [LoggerMessage(EventId = 35, Level = LogLevel.Information, Message = "PowerDNS: changes applied to {Zones} zones in {Elapsed}")]
    public static partial void Applied(ILogger logger, int zones, TimeSpan elapsed);
}

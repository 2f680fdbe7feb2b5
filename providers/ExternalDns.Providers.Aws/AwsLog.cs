using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Aws;

internal static partial class AwsLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Route53 {Method} {Path} -> {Status} in {Milliseconds:F0} ms")]
    public static partial void Request(ILogger logger, string method, string path, int status, double milliseconds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Route53 {Operation} failed ({Failure}); retrying in {Milliseconds:F0} ms")]
    public static partial void Retrying(ILogger logger, string operation, string failure, double milliseconds);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Route53 zones: {Count} of {Listed} listed are managed")]
    public static partial void ZonesListed(ILogger logger, int count, int listed);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "--zone-id-filter={ZoneId} matches no hosted zone")]
    public static partial void ZoneIdFilterUnmatched(ILogger logger, string zoneId);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "--aws-zone-tags={Tags} matches no hosted zone (of {Candidates} that pass the other filters)")]
    public static partial void ZoneTagsUnmatched(ILogger logger, string tags, int candidates);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Route53 records: {Count} record sets read from {Zones} zone(s) in {Pages} page(s)")]
    public static partial void RecordsRead(ILogger logger, int count, int zones, int pages);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Skipping {Name} {Type}: it is in no managed hosted zone")]
    public static partial void NoZone(ILogger logger, string name, string type);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Skipping {Name} {Type}: pinned hosted zone {ZoneId} (aws/hosted-zone-id) is not a managed zone for this name")]
    public static partial void PinnedZoneMissing(ILogger logger, string name, string type, string zoneId);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "Route53 zone {Zone} ({ZoneId}): {Action} {Name} {Type}")]
    public static partial void Change(ILogger logger, string zone, string zoneId, string action, string name, string type);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Route53 zone {Zone} ({ZoneId}): {Count} change(s) applied in {Batches} batch(es)")]
    public static partial void Applied(ILogger logger, string zone, string zoneId, int count, int batches);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Route53 zone {Zone} ({ZoneId}) rejected the changes of {Name}: {Reason}")]
    public static partial void Rejected(ILogger logger, string zone, string zoneId, string name, string reason);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Skipping the changes of {Name}: {Detail} exceed a batch limit (--aws-batch-change-size={Size}, --aws-batch-change-size-bytes={Bytes}, --aws-batch-change-size-values={Values})")]
    public static partial void Oversized(ILogger logger, string name, string detail, int size, int bytes, int values);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Ignoring {Property}={Value} on {Name}: {Reason}")]
    public static partial void InvalidProperty(ILogger logger, string property, string value, string name, string reason);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "Could not find the canonical hosted zone of {Target}: its region may be newer than this build; {Name} stays a CNAME")]
    public static partial void UnknownAwsTarget(ILogger logger, string target, string name);

    [LoggerMessage(EventId = 15, Level = LogLevel.Information, Message = "Route53 zones: using the zone list cached {Age} ago")]
    public static partial void ZonesCached(ILogger logger, TimeSpan age);
}

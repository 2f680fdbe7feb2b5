using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Google;

/// <summary>Source-generated log messages of the Google provider. None carries a token, key or secret.</summary>
internal static partial class GoogleLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Google Cloud DNS credentials: {Credentials}")]
    public static partial void CredentialsFrom(ILogger logger, string credentials);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Google project auto-detected from the metadata server: {Project}")]
    public static partial void ProjectDetected(ILogger logger, string project);

    [LoggerMessage(EventId = 11, Level = LogLevel.Debug, Message = "Cloud DNS {Operation} failed transiently (attempt {Attempt}): {Failure}; retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string operation, int attempt, string failure, TimeSpan delay);

    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "Matched zone {Zone} ({DnsName}, visibility {Visibility})")]
    public static partial void ZoneMatched(ILogger logger, string zone, string dnsName, string? visibility);

    [LoggerMessage(EventId = 21, Level = LogLevel.Debug, Message = "Filtered zone {Zone} ({DnsName}, visibility {Visibility}): {Reason}")]
    public static partial void ZoneFiltered(ILogger logger, string zone, string dnsName, string? visibility, string reason);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "No zones in the project {Project} match the domain filter, --google-zone-visibility and --zone-id-filter")]
    public static partial void NoZones(ILogger logger, string project);

    [LoggerMessage(EventId = 23, Level = LogLevel.Debug, Message = "Read {Count} records from {Zones} zones in {Pages} pages")]
    public static partial void RecordsRead(ILogger logger, int count, int zones, int pages);

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Change zone {Zone}: {Action} {Name} {Type} {Rrdatas} {Ttl}")]
    public static partial void RecordChange(ILogger logger, string zone, string action, string name, string type, string rrdatas, int ttl);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "No managed zone for {Name} {Type}; the change is skipped")]
    public static partial void NoMatchingZone(ILogger logger, string name, string type);

    [LoggerMessage(EventId = 32, Level = LogLevel.Warning, Message = "Changes of {Name} ({Count} record sets) exceed --google-batch-change-size={BatchSize} or the 100,000 bytes of record data a change may hold; skipped")]
    public static partial void Oversized(ILogger logger, string name, int count, int batchSize);

    [LoggerMessage(EventId = 33, Level = LogLevel.Warning, Message = "Cloud DNS rejected the change of {Name} in zone {Zone}: {Reason}")]
    public static partial void Rejected(ILogger logger, string name, string zone, string reason);

    [LoggerMessage(EventId = 34, Level = LogLevel.Debug, Message = "Cloud DNS change {ChangeId} in zone {Zone}: {Additions} additions, {Deletions} deletions, status {Status}")]
    public static partial void ChangeCreated(ILogger logger, string changeId, string zone, int additions, int deletions, string? status);

    [LoggerMessage(EventId = 35, Level = LogLevel.Warning, Message = "Cloud DNS change {ChangeId} in zone {Zone} is still pending after {Waited}; it was accepted and will be served")]
    public static partial void StillPending(ILogger logger, string changeId, string zone, TimeSpan waited);

    [LoggerMessage(EventId = 36, Level = LogLevel.Information, Message = "Applied {Applied} record set changes in {Calls} Cloud DNS changes")]
    public static partial void Applied(ILogger logger, int applied, int calls);
}

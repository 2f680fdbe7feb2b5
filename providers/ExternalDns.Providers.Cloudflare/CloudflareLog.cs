using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Cloudflare;

/// <summary>Source-generated log messages of the Cloudflare provider. None carries a credential.</summary>
internal static partial class CloudflareLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Cloudflare: {Managed} zones managed of {Listed} listed")]
    public static partial void ZonesSelected(ILogger logger, int managed, int listed);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Cloudflare: zone id {ZoneId} from --zone-id-filter does not exist or is not visible to these credentials; it is skipped")]
    public static partial void ZoneIdNotFound(ILogger logger, string zoneId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Cloudflare: no zone matches {Filter}; nothing will be managed")]
    public static partial void NoZoneMatches(ILogger logger, string filter);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Cloudflare: read {Records} records ({Endpoints} record sets) from {Zones} zones")]
    public static partial void RecordsRead(ILogger logger, int records, int endpoints, int zones);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Cloudflare: {Name} {Type} is in no managed zone; it is skipped")]
    public static partial void NoZoneForName(ILogger logger, string name, string type);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Cloudflare: {Name} has {Count} CNAME targets but Cloudflare allows one CNAME per name; keeping {Kept}")]
    public static partial void CnameTargetsDropped(ILogger logger, string name, int count, string kept);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Cloudflare: {Name}: cloudflare-proxied '{Value}' is not a boolean; using the default {Default}")]
    public static partial void InvalidProxied(ILogger logger, string name, string value, bool @default);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Cloudflare: {Name}: the comment is longer than the zone plan allows ({Max} characters) and is trimmed; shorten it to avoid surprises")]
    public static partial void CommentTrimmed(ILogger logger, string name, int max);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "Cloudflare: {Name}: tag '{Tag}' is not name:value (name: letters, digits, '-', '_'); it is ignored")]
    public static partial void InvalidTag(ILogger logger, string name, string tag);

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning, Message = "Cloudflare: {Name}: TTL {Ttl} is outside what Cloudflare stores (1 for automatic, else the zone's minimum to 86400); using {Clamped}")]
    public static partial void TtlClamped(ILogger logger, string name, long ttl, int clamped);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Cloudflare zone {Zone}: {Deletes} deletes, {Puts} updates, {Posts} creates in {Batches} batch requests")]
    public static partial void ZoneApplied(ILogger logger, string zone, int deletes, int puts, int posts, int batches);

    [LoggerMessage(EventId = 21, Level = LogLevel.Debug, Message = "Cloudflare zone {Zone}: {Action} {Name} {Type} {Target}")]
    public static partial void Operation(ILogger logger, string zone, string action, string name, string type, string target);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Cloudflare zone {Zone}: refused batches were split to find the invalid changes ({ExtraCalls} extra requests, {Rejected} changes refused)")]
    public static partial void BatchSplit(ILogger logger, string zone, int extraCalls, int rejected);

    [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "Cloudflare zone {Zone}: change of {Name} rejected: {Reason}")]
    public static partial void Rejected(ILogger logger, string zone, string name, string reason);

    [LoggerMessage(EventId = 24, Level = LogLevel.Warning, Message = "Cloudflare: {Name} {Type} has no managed zone; its change is skipped")]
    public static partial void ChangeWithoutZone(ILogger logger, string name, string type);

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Cloudflare zone {Zone}: custom hostname {Hostname} {Action} (origin {Origin})")]
    public static partial void CustomHostnameChanged(ILogger logger, string zone, string hostname, string action, string origin);

    [LoggerMessage(EventId = 31, Level = LogLevel.Information, Message = "Cloudflare zone {Zone}: regional hostname {Hostname} {Action} (region {Region})")]
    public static partial void RegionalHostnameChanged(ILogger logger, string zone, string hostname, string action, string region);
}

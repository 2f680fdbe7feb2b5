using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Rfc2136;

internal static partial class Rfc2136Log
{
    [LoggerMessage(1, LogLevel.Information, "Configured RFC2136 with zones {Zones} and nameservers {Hosts}")]
    public static partial void Configured(ILogger logger, string zones, string hosts);

    [LoggerMessage(2, LogLevel.Warning, "--rfc2136-axfr is not set: existing records cannot be listed, so they are never updated or deleted")]
    public static partial void AxfrDisabled(ILogger logger);

    [LoggerMessage(3, LogLevel.Warning, "Skipping {Name} {Type}: it is in none of the zones {Zones}")]
    public static partial void NoZone(ILogger logger, string name, string type, string zones);

    [LoggerMessage(4, LogLevel.Debug, "Skipping {Name}: filtered out by the domain filter")]
    public static partial void Filtered(ILogger logger, string name);

    [LoggerMessage(5, LogLevel.Warning, "Skipping {Name} {Type}: {Reason}")]
    public static partial void InvalidRecord(ILogger logger, string name, string type, string reason);

    [LoggerMessage(6, LogLevel.Information, "RFC2136 update of zone {Zone}: {Changes} changes, {Records} records")]
    public static partial void UpdateSent(ILogger logger, string zone, int changes, int records);

    [LoggerMessage(7, LogLevel.Debug, "Transferred zone {Zone}: {Records} records")]
    public static partial void Transferred(ILogger logger, string zone, int records);

    [LoggerMessage(8, LogLevel.Error, "RFC2136 update of zone {Zone} failed: {Reason}")]
    public static partial void UpdateFailed(ILogger logger, string zone, string reason);

    [LoggerMessage(9, LogLevel.Debug, "{Action} {Name} {Ttl} {Type} {Target}")]
    public static partial void RecordChange(ILogger logger, string action, string name, long ttl, string type, string target);

    [LoggerMessage(10, LogLevel.Warning, "RFC2136 update of zone {Zone}: the DNS server rejected the change of {Name} ({Reason}); the other changes were applied")]
    public static partial void ChangeRejected(ILogger logger, string zone, string name, string reason);

    [LoggerMessage(11, LogLevel.Warning, "RFC2136 {Operation} via nameserver {Host} failed: {Reason}")]
    public static partial void HostFailed(ILogger logger, Rfc2136Operation operation, string host, string reason);

    [LoggerMessage(12, LogLevel.Warning, "--rfc2136-skip-tls-verify is set: the DNS servers' TLS certificates are not verified")]
    public static partial void TlsVerificationDisabled(ILogger logger);

    [LoggerMessage(13, LogLevel.Warning, "--rfc2136-insecure is set: --rfc2136-gss-tsig is ignored and messages are not signed (as upstream)")]
    public static partial void GssIgnoredInsecure(ILogger logger);
}

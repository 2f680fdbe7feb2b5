namespace ExternalDns.Testing.Route53;

/// <summary>An applied change batch: the zone and each change as (action, record set).</summary>
public sealed record Route53ChangeBatchRecord(string ZoneId, IReadOnlyList<(string Action, Route53RecordSet RecordSet)> Changes);

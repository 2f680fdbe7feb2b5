namespace ExternalDns.Providers.Aws.Api;

/// <summary>Where a ListResourceRecordSets page starts (NextRecordName, NextRecordType, NextRecordIdentifier).</summary>
public sealed record RecordSetStart(string Name, string? Type, string? Identifier);

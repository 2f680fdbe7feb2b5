namespace ExternalDns.Providers.Aws.Api;

/// <summary>One page of ListResourceRecordSets; <see cref="Next"/> is where the next page starts, null on the last page.</summary>
public sealed record RecordSetPage(IReadOnlyList<ResourceRecordSet> RecordSets, RecordSetStart? Next);

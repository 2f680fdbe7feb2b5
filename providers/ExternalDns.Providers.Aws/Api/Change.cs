namespace ExternalDns.Providers.Aws.Api;

/// <summary>One change of a ChangeResourceRecordSets batch.</summary>
public sealed record Change(ChangeAction Action, ResourceRecordSet RecordSet);

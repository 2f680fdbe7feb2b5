namespace ExternalDns.Testing.Azure;

/// <summary>The result of a record set write in <see cref="AzureDnsStore"/>: created (PUT: new; DELETE: existed),
/// the stored set, or the ARM error to answer with.</summary>
internal sealed record AzureWriteOutcome(bool Created, AzureRecordSetState? Set, (int Status, string Code, string Message)? Error);

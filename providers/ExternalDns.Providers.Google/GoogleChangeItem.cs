using ExternalDns.Providers.Google.Api;

namespace ExternalDns.Providers.Google;

/// <summary>One addition or deletion of a record set in a zone, with its batching group (a record and its ownership
/// TXT share one: both land or neither).</summary>
internal sealed record GoogleChangeItem(CloudDnsManagedZone Zone, bool IsAddition, CloudDnsResourceRecordSet RecordSet, string Group)
{
    public int DataBytes => RecordSet.Rrdatas.Sum(d => d.Length);

    public override string ToString() => $"{(IsAddition ? "add" : "delete")} {RecordSet.Name} {RecordSet.Type}";
}

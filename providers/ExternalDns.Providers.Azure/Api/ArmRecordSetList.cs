namespace ExternalDns.Providers.Azure.Api;

/// <summary>A page of record sets.</summary>
internal sealed class ArmRecordSetList
{
    public List<ArmRecordSet>? Value { get; set; }

    public string? NextLink { get; set; }
}

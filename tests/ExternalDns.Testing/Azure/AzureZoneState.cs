namespace ExternalDns.Testing.Azure;

/// <summary>One stored zone; record sets are ordered by (name, type) so that pages are stable.</summary>
internal sealed class AzureZoneState
{
    public required AzureZoneKind Kind { get; init; }

    public required string ResourceGroup { get; init; }

    public required string Name { get; init; }

    public string Etag { get; set; } = Guid.NewGuid().ToString();

    public SortedDictionary<string, AzureRecordSetState> RecordSets { get; } = new(StringComparer.Ordinal);

    public static string Key(AzureZoneKind kind, string resourceGroup, string zone) =>
        $"{kind}\u0001{resourceGroup.ToLowerInvariant()}\u0001{zone.ToLowerInvariant()}";
}

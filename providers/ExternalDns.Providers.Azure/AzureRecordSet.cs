namespace ExternalDns.Providers.Azure;

/// <summary>
/// One ARM record set in a neutral form: <see cref="Name"/> relative to the zone (<c>@</c> for the apex), the type
/// (<c>A</c>, <c>TXT</c>, …), TTL, targets in ExternalDNS's presentation form (MX <c>"10 mail.example.com"</c>, SRV
/// <c>"1 2 443 target"</c>, TXT one string per record), metadata and the etag it was read with.
/// </summary>
public sealed record AzureRecordSet(string Name, string Type, long Ttl, IReadOnlyList<string> Targets, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The etag read with the record set; null for a record set about to be created.</summary>
    public string? Etag { get; init; }
}

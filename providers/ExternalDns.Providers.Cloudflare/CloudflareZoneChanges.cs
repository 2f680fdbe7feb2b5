namespace ExternalDns.Providers.Cloudflare;

/// <summary>Everything one apply does in one zone: record operations, custom hostname and regional hostname work.</summary>
internal sealed class CloudflareZoneChanges(CloudflareZoneSnapshot zone)
{
    public CloudflareZoneSnapshot Zone { get; } = zone;

    public List<CloudflareOperation> Operations { get; } = [];

    /// <summary>Custom hostnames to create: (hostname, origin record name).</summary>
    public List<(string Hostname, string Origin)> CustomHostnameCreates { get; } = [];

    /// <summary>Custom hostnames to delete: (hostname, origin record name it must belong to).</summary>
    public List<(string Hostname, string Origin)> CustomHostnameDeletes { get; } = [];

    /// <summary>Desired region key per hostname ("" = no regional hostname, when no address record remains).</summary>
    public Dictionary<string, string> RegionKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Hostnames whose desired region keys contradict each other.</summary>
    public HashSet<string> RegionConflicts { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => Operations.Count == 0 && CustomHostnameCreates.Count == 0 && CustomHostnameDeletes.Count == 0 && RegionKeys.Count == 0;
}

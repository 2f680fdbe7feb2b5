using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Providers;

/// <summary>
/// Finds the zone a record belongs to: the longest zone name that equals the record name or is a parent of it.
/// Zone names are normalised (lower case, no trailing dot, IDNA ASCII). Lookups walk up the name's labels,
/// so each costs O(labels), independent of the number of zones.
/// </summary>
/// <typeparam name="TZone">The provider's zone handle (an id, a name, an object).</typeparam>
public sealed class ZoneIndex<TZone>
{
    private readonly Dictionary<string, TZone> _zones = new(StringComparer.Ordinal);

    public ZoneIndex()
    {
    }

    public ZoneIndex(IEnumerable<KeyValuePair<string, TZone>> zones)
    {
        ArgumentNullException.ThrowIfNull(zones);
        foreach (var (name, zone) in zones)
        {
            Add(name, zone);
        }
    }

    public int Count => _zones.Count;

    public IEnumerable<string> Names => _zones.Keys;

    public void Add(string zoneName, TZone zone)
    {
        ArgumentNullException.ThrowIfNull(zoneName);
        _zones[DnsNames.Normalize(zoneName)] = zone;
    }

    /// <summary>Finds the longest matching zone for <paramref name="dnsName"/>; false when no zone contains it.</summary>
    public bool TryFind(string dnsName, out string zoneName, out TZone zone)
    {
        ArgumentNullException.ThrowIfNull(dnsName);
        var name = DnsNames.Normalize(dnsName);
        while (true)
        {
            if (_zones.TryGetValue(name, out var found))
            {
                zoneName = name;
                zone = found;
                return true;
            }

            var dot = name.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0)
            {
                break;
            }

            name = name[(dot + 1)..];
        }

        zoneName = string.Empty;
        zone = default!;
        return false;
    }

    /// <summary>A domain filter that matches exactly the names inside these zones.</summary>
    public DomainFilter ToDomainFilter() => new(_zones.Keys);
}

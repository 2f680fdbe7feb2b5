using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Azure;

/// <summary>The emulator's state: resource groups, zones and their record sets, behind one lock.</summary>
internal sealed class AzureDnsStore
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _resourceGroups = new(StringComparer.OrdinalIgnoreCase);
    private readonly SortedDictionary<string, AzureZoneState> _zones = new(StringComparer.Ordinal);

    public bool HasResourceGroup(string name)
    {
        lock (_lock)
        {
            return _resourceGroups.Contains(name);
        }
    }

    public void AddResourceGroup(string name)
    {
        lock (_lock)
        {
            _resourceGroups.Add(name);
        }
    }

    public T Read<T>(Func<T> read)
    {
        lock (_lock)
        {
            return read();
        }
    }

    /// <summary>Creates the zone (with its SOA and, for public zones, apex NS record sets) unless it exists.</summary>
    public bool AddZone(AzureZoneKind kind, string resourceGroup, string name, AzureDnsEmulatorOptions options, out AzureZoneState zone)
    {
        var key = AzureZoneState.Key(kind, resourceGroup, name);
        lock (_lock)
        {
            _resourceGroups.Add(resourceGroup);
            if (_zones.TryGetValue(key, out var existing))
            {
                zone = existing;
                return false;
            }

            zone = new AzureZoneState { Kind = kind, ResourceGroup = resourceGroup, Name = name.TrimEnd('.').ToLowerInvariant() };
            var host = kind == AzureZoneKind.Public ? "ns1-01.azure-dns.com." : "azureprivatedns.net";
            var soa = new AzureRecordSetState { Name = "@", Type = "SOA", Ttl = 3600 };
            soa.Items.Add(new JsonObject
            {
                ["host"] = host,
                ["email"] = "azuredns-hostmaster.microsoft.com",
                ["serialNumber"] = 1,
                ["refreshTime"] = 3600,
                ["retryTime"] = 300,
                ["expireTime"] = 2419200,
                ["minimumTTL"] = 300,
            });
            zone.RecordSets[AzureRecordSetState.Key("@", "SOA")] = soa;
            if (kind == AzureZoneKind.Public)
            {
                var ns = new AzureRecordSetState { Name = "@", Type = "NS", Ttl = 172800 };
                foreach (var server in new[] { "ns1-01.azure-dns.com.", "ns2-01.azure-dns.net.", "ns3-01.azure-dns.org.", "ns4-01.azure-dns.info." })
                {
                    ns.Items.Add(new JsonObject { ["nsdname"] = server });
                }

                zone.RecordSets[AzureRecordSetState.Key("@", "NS")] = ns;
            }

            _zones[key] = zone;
            return true;
        }
    }

    public bool RemoveZone(AzureZoneKind kind, string resourceGroup, string name)
    {
        lock (_lock)
        {
            return _zones.Remove(AzureZoneState.Key(kind, resourceGroup, name));
        }
    }

    public AzureZoneState? FindZone(AzureZoneKind kind, string resourceGroup, string name)
    {
        lock (_lock)
        {
            return _zones.TryGetValue(AzureZoneState.Key(kind, resourceGroup, name.TrimEnd('.')), out var zone) ? zone : null;
        }
    }

    public (IReadOnlyList<AzureZoneState> Page, bool More) ZonePage(AzureZoneKind kind, string? resourceGroup, string? after, int top)
    {
        lock (_lock)
        {
            var matching = _zones
                .Where(z => z.Value.Kind == kind && (resourceGroup is null || string.Equals(z.Value.ResourceGroup, resourceGroup, StringComparison.OrdinalIgnoreCase)))
                .Where(z => after is null || string.CompareOrdinal(z.Key, after) > 0)
                .Select(z => z.Value)
                .Take(top + 1)
                .ToList();
            return Split(matching, top);
        }
    }

    public (IReadOnlyList<AzureRecordSetState> Page, bool More) RecordSetPage(AzureZoneState zone, string? type, string suffix, string? after, int top)
    {
        lock (_lock)
        {
            IEnumerable<KeyValuePair<string, AzureRecordSetState>> sets = zone.RecordSets;
            if (after is not null)
            {
                sets = sets.SkipWhile(r => string.CompareOrdinal(r.Key, after) <= 0);
            }

            var matching = sets
                .Select(r => r.Value)
                .Where(r => type is null || r.Type == type)
                .Where(r => suffix.Length == 0 || r.Name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                .Take(top + 1)
                .ToList();
            return Split(matching, top);
        }
    }

    public AzureWriteOutcome Put(AzureZoneState zone, string name, string type, long ttl, Dictionary<string, string> metadata, List<JsonObject> items, string ifMatch, string ifNoneMatch, AzureDnsEmulatorOptions options)
    {
        lock (_lock)
        {
            var key = AzureRecordSetState.Key(name, type);
            zone.RecordSets.TryGetValue(key, out var existing);
            if (ifMatch.Length > 0)
            {
                var etag = ifMatch.Trim().Trim('"');
                if (existing is null || (etag != "*" && etag != existing.Etag))
                {
                    return new AzureWriteOutcome(false, null, (412, "PreconditionFailed", $"The condition '{ifMatch}' in the If-Match header was not satisfied. The current was '{existing?.Etag ?? "n/a"}'."));
                }
            }

            if (ifNoneMatch.Trim() == "*" && existing is not null)
            {
                return new AzureWriteOutcome(false, null, (412, "PreconditionFailed", $"The condition '*' in the If-None-Match header was not satisfied. The record set '{name}' of type '{type}' already exists."));
            }

            if (existing is null && type == "SOA")
            {
                return new AzureWriteOutcome(false, null, (400, "BadRequest", "Record sets of type SOA cannot be created."));
            }

            var lower = name.ToLowerInvariant();
            var others = zone.RecordSets.Values.Where(r => r.Name.Equals(lower, StringComparison.OrdinalIgnoreCase) && r.Type != type).ToList();
            if (type == "CNAME" && others.Count > 0 || type != "CNAME" && others.Any(r => r.Type == "CNAME"))
            {
                return new AzureWriteOutcome(false, null, (409, "Conflict", $"The record set '{name}' of type '{type}' conflicts with an existing record set: a CNAME record set cannot share its name with any other record set."));
            }

            var max = zone.Kind == AzureZoneKind.Public ? options.MaxRecordSetsPublic : options.MaxRecordSetsPrivate;
            if (existing is null && zone.RecordSets.Count >= max)
            {
                return new AzureWriteOutcome(false, null, (409, "Conflict", $"The maximum number of record sets ({max}) in zone '{zone.Name}' has been reached."));
            }

            var set = existing ?? new AzureRecordSetState { Name = name, Type = type };
            set.Ttl = ttl;
            set.Metadata = metadata;
            set.Items = items;
            set.Etag = AzureRecordSetState.NewEtag();
            zone.RecordSets[key] = set;
            return new AzureWriteOutcome(existing is null, set, null);
        }
    }

    public AzureWriteOutcome Delete(AzureZoneState zone, string name, string type, string ifMatch)
    {
        lock (_lock)
        {
            var key = AzureRecordSetState.Key(name, type);
            zone.RecordSets.TryGetValue(key, out var existing);
            if (ifMatch.Length > 0)
            {
                var etag = ifMatch.Trim().Trim('"');
                if (existing is null || (etag != "*" && etag != existing.Etag))
                {
                    return new AzureWriteOutcome(false, null, (412, "PreconditionFailed", $"The condition '{ifMatch}' in the If-Match header was not satisfied. The current was '{existing?.Etag ?? "n/a"}'."));
                }
            }

            if (existing is null)
            {
                return new AzureWriteOutcome(false, null, null);
            }

            zone.RecordSets.Remove(key);
            return new AzureWriteOutcome(true, existing, null);
        }
    }

    public IReadOnlyList<AzureRecordSet> Snapshot(AzureZoneState zone)
    {
        lock (_lock)
        {
            return [.. zone.RecordSets.Values.Select(r => ToSnapshot(zone, r))];
        }
    }

    public static AzureRecordSet ToSnapshot(AzureZoneState zone, AzureRecordSetState r) =>
        new(zone.Kind, zone.ResourceGroup, zone.Name, r.Name, r.Type, r.Ttl, r.Etag,
            [.. r.Items.Select(i => AzureRecordTypes.Format(r.Type, i))],
            new Dictionary<string, string>(r.Metadata, StringComparer.Ordinal));

    private static (IReadOnlyList<T> Page, bool More) Split<T>(List<T> items, int top)
    {
        var more = items.Count > top;
        if (more)
        {
            items.RemoveAt(items.Count - 1);
        }

        return (items, more);
    }
}

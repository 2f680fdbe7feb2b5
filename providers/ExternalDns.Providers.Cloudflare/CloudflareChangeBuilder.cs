using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Cloudflare;

/// <summary>
/// Turns a plan's changes into per-zone Cloudflare work, one record per target: creates post each target; updates are
/// diffed per target (removed targets deleted, added ones posted, kept ones overwritten only when proxied, TTL,
/// comment or tags differ); deletes delete each target's record. Record ids come from the zone snapshot of the last
/// read, so applying needs no extra list. A change in no managed zone is skipped with a warning.
/// </summary>
internal sealed class CloudflareChangeBuilder(CloudflareProviderOptions options, CloudflarePropertyNames names, ILogger logger)
{
    public Dictionary<string, CloudflareZoneChanges> Build(Changes changes, ZoneIndex<CloudflareZoneSnapshot> zones)
    {
        var result = new Dictionary<string, CloudflareZoneChanges>(StringComparer.Ordinal);

        // Deletes first: the regional hostnames of deleted names are only removed when no create wants them.
        foreach (var e in changes.Delete)
        {
            if (Zone(e, zones, result) is not { } zc)
            {
                continue;
            }

            foreach (var target in e.Targets)
            {
                if (zc.Zone.Find(e.DnsName, e.RecordType, target) is { } record)
                {
                    zc.Operations.Add(new CloudflareOperation(CloudflareOperationKind.Delete, GroupKey(e), Normalize(e.DnsName), e.RecordType, target, record.Id, null));
                }
            }

            foreach (var hostname in CustomHostnames(e))
            {
                zc.CustomHostnameDeletes.Add((hostname, Normalize(e.DnsName)));
            }

            RemoveRegion(zc, e);
        }

        var olds = new Dictionary<EndpointKey, Endpoint>();
        foreach (var old in changes.UpdateOld)
        {
            olds.TryAdd(Key(old), old);
        }

        foreach (var desired in changes.UpdateNew)
        {
            if (Zone(desired, zones, result) is not { } zc)
            {
                continue;
            }

            if (!olds.Remove(Key(desired), out var current))
            {
                AddTargets(zc, desired, desired.Targets);
                CreateCustomHostnames(zc, desired, []);
                SetRegion(zc, desired);
                continue;
            }

            var desiredTargets = desired.Targets.ToDictionary(Targets.Canonical, t => t, StringComparer.Ordinal);
            foreach (var target in current.Targets)
            {
                if (!desiredTargets.ContainsKey(Targets.Canonical(target)) && zc.Zone.Find(current.DnsName, current.RecordType, target) is { } record)
                {
                    zc.Operations.Add(new CloudflareOperation(CloudflareOperationKind.Delete, GroupKey(desired), Normalize(current.DnsName), current.RecordType, target, record.Id, null));
                }
            }

            AddTargets(zc, desired, desired.Targets);
            var previous = CustomHostnames(current);
            CreateCustomHostnames(zc, desired, previous);
            var next = CustomHostnames(desired).ToHashSet(StringComparer.Ordinal);
            foreach (var hostname in previous.Where(h => !next.Contains(h)))
            {
                zc.CustomHostnameDeletes.Add((hostname, Normalize(current.DnsName)));
            }

            SetRegion(zc, desired);
        }

        foreach (var e in changes.Create)
        {
            if (Zone(e, zones, result) is not { } zc)
            {
                continue;
            }

            AddTargets(zc, e, e.Targets);
            CreateCustomHostnames(zc, e, []);
            SetRegion(zc, e);
        }

        return result;
    }

    private static EndpointKey Key(Endpoint e) => new(Normalize(e.DnsName), e.RecordType, e.SetIdentifier);

    private static string Normalize(string name) => DnsNames.Normalize(name);

    private static string GroupKey(Endpoint e) =>
        Normalize(e.Labels.TryGetValue(Labels.OwnedRecordKey, out var owned) && !string.IsNullOrEmpty(owned) ? owned : e.DnsName);

    private CloudflareZoneChanges? Zone(Endpoint e, ZoneIndex<CloudflareZoneSnapshot> zones, Dictionary<string, CloudflareZoneChanges> result)
    {
        if (!zones.TryFind(e.DnsName, out _, out var zone))
        {
            CloudflareLog.ChangeWithoutZone(logger, e.DnsName, e.RecordType);
            return null;
        }

        if (!result.TryGetValue(zone.Id, out var zc))
        {
            result[zone.Id] = zc = new CloudflareZoneChanges(zone);
        }

        return zc;
    }

    /// <summary>Posts targets that have no record yet; overwrites those whose record differs.</summary>
    private void AddTargets(CloudflareZoneChanges zc, Endpoint e, IEnumerable<string> targets)
    {
        foreach (var target in targets)
        {
            var body = CloudflareRecordMapper.Body(e, target, zc.Zone, names, options);
            var existing = zc.Zone.Find(e.DnsName, e.RecordType, target);
            if (existing is null)
            {
                zc.Operations.Add(new CloudflareOperation(CloudflareOperationKind.Post, GroupKey(e), body.Name, e.RecordType, target, null, body));
            }
            else if (CloudflareRecordMapper.Differs(existing, body))
            {
                body.Id = existing.Id;
                zc.Operations.Add(new CloudflareOperation(CloudflareOperationKind.Put, GroupKey(e), body.Name, e.RecordType, target, existing.Id, body));
            }
        }
    }

    private IReadOnlyList<string> CustomHostnames(Endpoint e)
    {
        if (!options.CustomHostnames || !CloudflareRecordMapper.SupportsCustomHostname(e.RecordType) || e.GetProviderSpecific(names.CustomHostname) is not { Length: > 0 } text)
        {
            return [];
        }

        return [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(h => h.ToLowerInvariant())];
    }

    private void CreateCustomHostnames(CloudflareZoneChanges zc, Endpoint e, IReadOnlyList<string> previous)
    {
        foreach (var hostname in CustomHostnames(e).Where(h => !previous.Contains(h, StringComparer.Ordinal)))
        {
            zc.CustomHostnameCreates.Add((hostname, Normalize(e.DnsName)));
        }
    }

    private void SetRegion(CloudflareZoneChanges zc, Endpoint e)
    {
        if (!options.RegionalServicesEnabled || !CloudflareRecordMapper.SupportsRegionalHostname(e.RecordType))
        {
            return;
        }

        var name = Normalize(e.DnsName);
        var key = e.GetProviderSpecific(names.RegionKey) ?? options.RegionKey;
        if (zc.RegionKeys.TryGetValue(name, out var existing) && existing.Length > 0 && key.Length > 0 && existing != key && !zc.RegionConflicts.Contains(name))
        {
            zc.RegionConflicts.Add(name);
            return;
        }

        if (!zc.RegionKeys.TryGetValue(name, out existing) || existing.Length == 0)
        {
            zc.RegionKeys[name] = key;
        }
    }

    private void RemoveRegion(CloudflareZoneChanges zc, Endpoint e)
    {
        if (options.RegionalServicesEnabled && CloudflareRecordMapper.SupportsRegionalHostname(e.RecordType))
        {
            zc.RegionKeys.TryAdd(Normalize(e.DnsName), string.Empty);
        }
    }
}

using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Providers.PowerDns.Api;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.PowerDns;

/// <summary>
/// Turns planned <see cref="Changes"/> into one PATCH per zone. Each record goes to the longest zone on the server
/// that contains it; a record whose zone is outside the domain filter is ignored, one without any zone is skipped
/// with a warning (upstream). Creates and updates become REPLACE rrsets (TTL 300 when unset), deletes become
/// DELETE rrsets; an update whose old rrset has another PowerDNS type (CNAME ↔ ALIAS) also deletes the old one.
/// DELETEs come first in a PATCH, so a type change (CNAME → A) at one name is one valid request.
/// Validation happens before anything is sent: a bad TTL fails the whole change set.
/// </summary>
public static class PowerDnsPatchBuilder
{
    /// <summary>Builds the patches, ordered by zone name. Throws <see cref="InvalidChangeException"/> on a TTL above 2³¹-1.</summary>
    public static IReadOnlyList<PowerDnsZonePatch> Build(Changes changes, ZoneIndex<PowerDnsZoneRef> zones, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(logger);

        var perZone = new Dictionary<string, ZoneChanges>(StringComparer.Ordinal);

        foreach (var endpoint in changes.Delete)
        {
            AddDelete(endpoint);
        }

        var pairs = Math.Min(changes.UpdateOld.Count, changes.UpdateNew.Count);
        for (var i = 0; i < pairs; i++)
        {
            var oldEndpoint = changes.UpdateOld[i];
            var newEndpoint = changes.UpdateNew[i];
            var oldKey = Locate(oldEndpoint, zones);
            var newKey = Locate(newEndpoint, zones);
            if (oldKey is not null && (newKey is null || oldKey.Value.Zone != newKey.Value.Zone || oldKey.Value.Key != newKey.Value.Key))
            {
                AddDelete(oldEndpoint);
            }
        }

        foreach (var endpoint in changes.UpdateNew)
        {
            AddReplace(endpoint);
        }

        foreach (var endpoint in changes.Create)
        {
            AddReplace(endpoint);
        }

        var result = new List<PowerDnsZonePatch>(perZone.Count);
        foreach (var zoneChanges in perZone.Values.OrderBy(z => z.Ref.Zone.Name, StringComparer.Ordinal))
        {
            var patch = new PowerDnsPatch();
            foreach (var (key, rrset) in zoneChanges.Deletes.OrderBy(d => d.Key, RRsetKeyComparer.Instance))
            {
                if (!zoneChanges.Replaces.ContainsKey(key))
                {
                    patch.RRsets.Add(rrset);
                }
            }

            foreach (var (_, rrset) in zoneChanges.Replaces.OrderBy(r => r.Key, RRsetKeyComparer.Instance))
            {
                patch.RRsets.Add(rrset);
            }

            if (patch.RRsets.Count > 0)
            {
                result.Add(new PowerDnsZonePatch(zoneChanges.Ref.Zone, patch));
            }
        }

        return result;

        void AddDelete(Endpoint endpoint)
        {
            var located = Resolve(endpoint, zones, logger);
            if (located is null)
            {
                return;
            }

            var (zoneRef, key) = located.Value;
            var zoneChanges = ZoneFor(zoneRef);
            zoneChanges.Deletes.TryAdd(key, new PowerDnsRRset
            {
                Name = key.Name,
                Type = key.Type,
                ChangeType = PowerDnsChangeType.Delete,
            });
        }

        void AddReplace(Endpoint endpoint)
        {
            var located = Resolve(endpoint, zones, logger);
            if (located is null)
            {
                return;
            }

            var (zoneRef, key) = located.Value;
            if (endpoint.RecordTtl > int.MaxValue)
            {
                throw new InvalidChangeException(
                    $"TTL {endpoint.RecordTtl} of {endpoint.DnsName} {endpoint.RecordType} is above the limit of {int.MaxValue} seconds; nothing was applied");
            }

            var ttl = endpoint.RecordTtl > 0 ? endpoint.RecordTtl : PowerDnsRecordTypes.DefaultTtl;
            var zoneChanges = ZoneFor(zoneRef);
            if (!zoneChanges.Replaces.TryGetValue(key, out var rrset))
            {
                rrset = new PowerDnsRRset
                {
                    Name = key.Name,
                    Type = key.Type,
                    Ttl = ttl,
                    ChangeType = PowerDnsChangeType.Replace,
                    Records = [],
                };
                zoneChanges.Replaces.Add(key, rrset);
            }

            // Two endpoints for one rrset (set identifiers, which PowerDNS does not support) merge their targets.
            foreach (var target in endpoint.Targets)
            {
                var content = PowerDnsRecordTypes.ToContent(key.Type, target);
                if (!rrset.Records!.Exists(r => string.Equals(r.Content, content, StringComparison.OrdinalIgnoreCase)))
                {
                    rrset.Records.Add(new PowerDnsRecord { Content = content, Disabled = false });
                }
            }
        }

        ZoneChanges ZoneFor(PowerDnsZoneRef zoneRef)
        {
            if (!perZone.TryGetValue(zoneRef.Zone.Name, out var zoneChanges))
            {
                zoneChanges = new ZoneChanges(zoneRef);
                perZone.Add(zoneRef.Zone.Name, zoneChanges);
            }

            return zoneChanges;
        }
    }

    private static (PowerDnsZoneRef Ref, RRsetKey Key)? Resolve(Endpoint endpoint, ZoneIndex<PowerDnsZoneRef> zones, ILogger logger)
    {
        if (!zones.TryFind(endpoint.DnsName, out var zoneName, out var zoneRef))
        {
            PowerDnsLog.NoMatchingZone(logger, endpoint.DnsName, endpoint.RecordType);
            return null;
        }

        if (!zoneRef.Managed)
        {
            PowerDnsLog.OutsideDomainFilter(logger, endpoint.DnsName, endpoint.RecordType, zoneRef.Zone.Name);
            return null;
        }

        return (zoneRef, KeyOf(endpoint, zoneName));
    }

    private static (string Zone, RRsetKey Key)? Locate(Endpoint endpoint, ZoneIndex<PowerDnsZoneRef> zones) =>
        zones.TryFind(endpoint.DnsName, out var zoneName, out var zoneRef) ? (zoneRef.Zone.Name, KeyOf(endpoint, zoneName)) : null;

    private static RRsetKey KeyOf(Endpoint endpoint, string zoneName)
    {
        var name = DnsNames.Normalize(endpoint.DnsName);
        var type = PowerDnsRecordTypes.ToPowerDnsType(endpoint, atApex: name == zoneName);
        return new RRsetKey(name + ".", type);
    }

    private readonly record struct RRsetKey(string Name, string Type);

    private sealed class RRsetKeyComparer : IComparer<RRsetKey>
    {
        public static readonly RRsetKeyComparer Instance = new();

        public int Compare(RRsetKey x, RRsetKey y)
        {
            var c = string.CompareOrdinal(x.Name, y.Name);
            return c != 0 ? c : string.CompareOrdinal(x.Type, y.Type);
        }
    }

    private sealed class ZoneChanges(PowerDnsZoneRef zoneRef)
    {
        public PowerDnsZoneRef Ref { get; } = zoneRef;

        public Dictionary<RRsetKey, PowerDnsRRset> Deletes { get; } = [];

        public Dictionary<RRsetKey, PowerDnsRRset> Replaces { get; } = [];
    }
}

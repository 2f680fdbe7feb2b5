using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ExternalDns.Testing.Route53;

/// <summary>
/// Validates and applies one change batch to a copy of a zone, as Route53 does: all changes or none. Problems are
/// collected with Route53's messages (InvalidChangeBatch); the caller swaps the copy in only when there are none.
/// </summary>
internal static class Route53ChangeApplier
{
    public const int MaxRecords = 1000;
    public const int MaxValueCharacters = 32000;

    private static readonly HashSet<string> Types = new(StringComparer.Ordinal)
    {
        "A", "AAAA", "CAA", "CNAME", "DS", "HTTPS", "MX", "NAPTR", "NS", "PTR", "SOA", "SPF", "SRV", "SSHFP", "SVCB", "TLSA", "TXT",
    };

    /// <summary>Limit checks that reject the request as a whole.</summary>
    public static string? CheckLimits(IReadOnlyList<(string Action, Route53RecordSet Set)> changes)
    {
        var records = 0;
        var characters = 0;
        foreach (var (action, set) in changes)
        {
            var factor = action == "UPSERT" ? 2 : 1;
            records += set.Values.Count * factor;
            characters += set.Values.Sum(v => v.Length) * factor;
        }

        if (records > MaxRecords)
        {
            return $"Number of records limit of {MaxRecords} exceeded.";
        }

        return characters > MaxValueCharacters ? $"Number of characters limit of {MaxValueCharacters} exceeded." : null;
    }

    /// <summary>Applies the changes to <paramref name="records"/> (a copy); returns the problems, empty when all applied.</summary>
    public static List<string> Apply(
        Route53HostedZone zone,
        SortedDictionary<string, Route53RecordSet> records,
        IReadOnlyList<(string Action, Route53RecordSet Set)> changes,
        Func<string, Route53HostedZone?> zoneById,
        Func<Route53HostedZone, IEnumerable<Route53RecordSet>> recordsOf)
    {
        var problems = new List<string>();
        var byName = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (key, r) in records)
        {
            NameIndex(byName, r.Name).Add(key);
        }

        foreach (var (action, raw) in changes)
        {
            var set = raw with
            {
                Name = Route53Names.Normalize(raw.Name),
                AliasTarget = raw.AliasTarget is null ? null : raw.AliasTarget with { DnsName = Route53Names.Normalize(raw.AliasTarget.DnsName) },
            };
            var describe = $"[Action={action}, Name={set.Name}, Type={set.Type}, SetIdentifier={set.SetIdentifier ?? "null"}]";
            if (!Route53Names.InZone(set.Name, zone.Name))
            {
                problems.Add($"RRSet with DNS name {set.Name} is not permitted in zone {zone.Name}");
                continue;
            }

            if (Validate(set, describe) is { } invalid)
            {
                problems.Add(invalid);
                continue;
            }

            var key = Route53Names.SortKey(set.Name, set.Type, set.SetIdentifier);
            records.TryGetValue(key, out var existing);
            switch (action)
            {
                case "DELETE":
                    if (existing is null)
                    {
                        problems.Add($"Tried to delete resource record set {Route53Names.FormatIdentity(set)} but it was not found");
                    }
                    else if (!existing.SameContent(set))
                    {
                        problems.Add($"Tried to delete resource record set {Route53Names.FormatIdentity(set)} but the values provided do not match the current values");
                    }
                    else if (set.Type == "SOA" || (set.Type == "NS" && set.Name == zone.Name))
                    {
                        problems.Add(set.Type == "SOA" ? "A HostedZone must contain exactly one SOA record." : "A HostedZone must contain at least one NS record for the zone itself.");
                    }
                    else
                    {
                        records.Remove(key);
                        NameIndex(byName, set.Name).Remove(key);
                    }

                    break;
                case "CREATE" or "UPSERT":
                    if (action == "CREATE" && existing is not null)
                    {
                        problems.Add($"Tried to create resource record set {Route53Names.FormatIdentity(set)} but it already exists");
                        break;
                    }

                    if (Conflict(zone, records, byName, set, key) is { } conflict)
                    {
                        problems.Add(conflict);
                        break;
                    }

                    if (set.AliasTarget is { } alias && zoneById(alias.HostedZoneId) is { } targetZone)
                    {
                        if (!Route53Names.InZone(alias.DnsName, targetZone.Name))
                        {
                            problems.Add($"Tried to create an alias that targets {alias.DnsName}, type {set.Type} in zone {alias.HostedZoneId}, but the alias target name does not lie within the target zone");
                            break;
                        }

                        var targetRecords = targetZone == zone ? records.Values : recordsOf(targetZone);
                        if (!targetRecords.Any(r => r.Name == alias.DnsName && (r.Type == set.Type || r.Type == "CNAME")))
                        {
                            problems.Add($"Tried to create an alias that targets {alias.DnsName}, type {set.Type} in zone {alias.HostedZoneId}, but that target was not found");
                            break;
                        }
                    }

                    records[key] = set;
                    NameIndex(byName, set.Name).Add(key);
                    break;
                default:
                    problems.Add($"Invalid request: Unknown action {action} in Change with {describe}");
                    break;
            }
        }

        return problems;
    }

    private static HashSet<string> NameIndex(Dictionary<string, HashSet<string>> byName, string name)
    {
        if (!byName.TryGetValue(name, out var keys))
        {
            byName[name] = keys = new HashSet<string>(StringComparer.Ordinal);
        }

        return keys;
    }

    private static string? Conflict(Route53HostedZone zone, SortedDictionary<string, Route53RecordSet> records, Dictionary<string, HashSet<string>> byName, Route53RecordSet set, string key)
    {
        if (set.Type == "CNAME" && set.Name == zone.Name)
        {
            return $"RRSet of type CNAME with DNS name {set.Name} is not permitted at apex in zone {zone.Name}";
        }

        foreach (var otherKey in NameIndex(byName, set.Name))
        {
            if (otherKey == key)
            {
                continue;
            }

            var other = records[otherKey];
            if (set.Type == "CNAME" && other.Type != "CNAME")
            {
                return $"RRSet of type CNAME with DNS name {set.Name} is not permitted as it conflicts with other records with the same DNS name in zone {zone.Name}";
            }

            if (set.Type != "CNAME" && other.Type == "CNAME")
            {
                return $"RRSet of type {set.Type} with DNS name {set.Name} is not permitted because a conflicting RRSet of type CNAME with the same DNS name already exists in zone {zone.Name}";
            }

            if (other.Type == set.Type && (other.SetIdentifier is null) != (set.SetIdentifier is null))
            {
                return set.SetIdentifier is null
                    ? $"RRSet with DNS name {set.Name}, type {set.Type} cannot be created because a routing-policy set with the same name and type already exists"
                    : $"RRSet with DNS name {set.Name}, type {set.Type}, SetIdentifier {set.SetIdentifier} cannot be created because a non-routing-policy set with the same name and type already exists";
            }
        }

        return null;
    }

    private static string? Validate(Route53RecordSet set, string describe)
    {
        if (!Types.Contains(set.Type))
        {
            return $"Invalid request: Unknown type {set.Type} in Change with {describe}";
        }

        var hasRecords = set.Values.Count > 0 || set.Ttl is not null;
        if (set.AliasTarget is null && !(set.Values.Count > 0 && set.Ttl is not null))
        {
            return set.Values.Count == 0 && set.Ttl is null
                ? $"Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none in Change with {describe}"
                : $"Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found an incomplete [TTL, and ResourceRecords] in Change with {describe}";
        }

        if (set.AliasTarget is not null && hasRecords)
        {
            return $"Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found more than one in Change with {describe}";
        }

        var policies = (set.Weight is null ? 0 : 1) + (set.Region is null ? 0 : 1) + (set.Failover is null ? 0 : 1) + (set.GeoLocation is null ? 0 : 1)
            + (set.GeoProximity is null ? 0 : 1) + (set.MultiValueAnswer is null ? 0 : 1);
        if (set.SetIdentifier is null && policies > 0)
        {
            return $"Invalid request: Missing field 'SetIdentifier' in Change with {describe}";
        }

        if (set.SetIdentifier is not null && policies != 1)
        {
            return $"Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, MultiValueAnswer, GeoProximityLocation, or CidrRoutingConfig], but found {(policies == 0 ? "none" : "more than one")} in Change with {describe}";
        }

        if (set.Weight is < 0 or > 255)
        {
            return $"Invalid request: Weight must be between 0 and 255 in Change with {describe}";
        }

        if (set.Failover is not null and not ("PRIMARY" or "SECONDARY"))
        {
            return $"Invalid request: Failover must be PRIMARY or SECONDARY in Change with {describe}";
        }

        if (set.Ttl is < 0 or > int.MaxValue)
        {
            return $"Invalid request: TTL out of range in Change with {describe}";
        }

        if (set.Type == "CNAME" && set.Values.Count > 1)
        {
            return $"Invalid Resource Record: FATAL problem: RRSet of type CNAME with DNS name {set.Name} has more than one resource record";
        }

        foreach (var value in set.Values)
        {
            var problem = set.Type switch
            {
                "A" when !(IPAddress.TryParse(value, out var ip) && ip.AddressFamily == AddressFamily.InterNetwork && value.Count(c => c == '.') == 3)
                    => $"ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '{value}'",
                "AAAA" when !(IPAddress.TryParse(value, out var ip6) && ip6.AddressFamily == AddressFamily.InterNetworkV6)
                    => $"AAAARRDATAIllegalIPv6Address (Value is not a valid IPv6 address) encountered with '{value}'",
                "TXT" or "SPF" when !(value.Length >= 2 && value[0] == '"' && value[^1] == '"')
                    => $"InvalidCharacterString (Value should be enclosed in quotation marks) encountered with '{value}'",
                "MX" when !IsMx(value) => $"MXRRDATAIllegalPreferenceOrExchange encountered with '{value}'",
                _ => null,
            };
            if (problem is not null)
            {
                return "Invalid Resource Record: FATAL problem: " + problem;
            }
        }

        return null;
    }

    private static bool IsMx(string value)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && ushort.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Google;

/// <summary>
/// Validates and applies a change to a zone the way Cloud DNS does: all or nothing; deletions first, each of which must
/// match the current record set exactly (name, type, TTL and rrdatas: else 412 <c>conditionNotMet</c>; a missing set is
/// 404 <c>notFound</c>); then additions, none of which may exist already (409 <c>alreadyExists</c>); malformed record
/// sets are 400 <c>invalid</c>. Error paths name the element as Cloud DNS does (<c>entity.change.deletions[3]</c>).
/// </summary>
internal static class CloudDnsChangeApplier
{
    private static readonly HashSet<string> SupportedTypes = new(StringComparer.Ordinal)
    {
        "A", "AAAA", "ALIAS", "CAA", "CNAME", "DNSKEY", "DS", "HTTPS", "IPSECKEY", "MX", "NAPTR", "NS", "PTR", "SOA", "SPF", "SRV", "SSHFP", "SVCB", "TLSA", "TXT",
    };

    /// <summary>Parses a change body; returns an error body and status, or null with the parsed lists.</summary>
    public static (int Status, JsonObject Body)? Parse(JsonNode? body, out List<CloudDnsRecordSet> additions, out List<CloudDnsRecordSet> deletions)
    {
        additions = [];
        deletions = [];
        if (body is not JsonObject change)
        {
            return (400, CloudDnsErrors.Body(400, "parseError", "Parse Error"));
        }

        foreach (var (field, list) in new[] { ("additions", additions), ("deletions", deletions) })
        {
            if (change[field] is null)
            {
                continue;
            }

            if (change[field] is not JsonArray items)
            {
                return (400, CloudDnsErrors.Body(400, "parseError", "Parse Error"));
            }

            for (var i = 0; i < items.Count; i++)
            {
                var path = $"entity.change.{field}[{i}]";
                if (items[i] is not JsonObject item)
                {
                    return (400, CloudDnsErrors.Body(400, "parseError", "Parse Error"));
                }

                var name = item["name"]?.GetValue<string>();
                var type = item["type"]?.GetValue<string>();
                if (string.IsNullOrEmpty(name))
                {
                    return Required($"{path}.name");
                }

                if (string.IsNullOrEmpty(type))
                {
                    return Required($"{path}.type");
                }

                int ttl;
                try
                {
                    ttl = item["ttl"] is { } t ? t.GetValue<int>() : 0;
                }
                catch (Exception ex) when (ex is InvalidOperationException or FormatException)
                {
                    return Invalid($"{path}.ttl", item["ttl"]!.ToJsonString());
                }

                var rrdatas = new List<string>();
                if (item["rrdatas"] is JsonArray datas)
                {
                    foreach (var d in datas)
                    {
                        rrdatas.Add(d?.GetValue<string>() ?? string.Empty);
                    }
                }

                list.Add(new CloudDnsRecordSet(name, type, ttl, rrdatas));
            }
        }

        if (additions.Count == 0 && deletions.Count == 0)
        {
            return Required("entity.change");
        }

        return null;
    }

    /// <summary>Applies the change to <paramref name="zone"/> (caller holds the lock); null on success.</summary>
    public static (int Status, JsonObject Body)? Apply(CloudDnsZone zone, IReadOnlyList<CloudDnsRecordSet> additions, IReadOnlyList<CloudDnsRecordSet> deletions)
    {
        for (var i = 0; i < deletions.Count; i++)
        {
            if (Validate(zone, deletions[i], $"entity.change.deletions[{i}]", isAddition: false) is { } error)
            {
                return error;
            }
        }

        for (var i = 0; i < additions.Count; i++)
        {
            if (Validate(zone, additions[i], $"entity.change.additions[{i}]", isAddition: true) is { } error)
            {
                return error;
            }
        }

        var working = new Dictionary<(string, string), CloudDnsRecordSet>(zone.RecordSets);
        for (var i = 0; i < deletions.Count; i++)
        {
            var deletion = deletions[i];
            var path = $"entity.change.deletions[{i}]";
            if (!working.TryGetValue(deletion.Key, out var current))
            {
                return (404, CloudDnsErrors.Body(404, "notFound", $"The '{path}' resource named '{deletion.Name} ({deletion.Type})' does not exist."));
            }

            if (!current.SameAs(deletion))
            {
                return (412, CloudDnsErrors.Body(412, "conditionNotMet", $"Precondition not met for '{path}'", location: "If-Match", locationType: "header"));
            }

            working.Remove(deletion.Key);
        }

        for (var i = 0; i < additions.Count; i++)
        {
            var addition = additions[i];
            var path = $"entity.change.additions[{i}]";
            if (working.ContainsKey(addition.Key))
            {
                return (409, CloudDnsErrors.Body(409, "alreadyExists", $"The resource '{path}' named '{addition.Name} ({addition.Type})' already exists"));
            }

            working[addition.Key] = addition;
        }

        // A name with a CNAME may hold nothing else (RFC 1034 §3.6.2), checked on the result (one pass over the zone).
        var added = additions.Select(a => a.Key.Name).ToHashSet(StringComparer.Ordinal);
        var typesAt = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, type) in working.Keys)
        {
            if (added.Contains(name))
            {
                if (!typesAt.TryGetValue(name, out var list))
                {
                    list = [];
                    typesAt[name] = list;
                }

                list.Add(type);
            }
        }

        for (var i = 0; i < additions.Count; i++)
        {
            var addition = additions[i];
            var types = typesAt[addition.Key.Name];
            if (types.Contains("CNAME") && types.Count > 1)
            {
                return (400, CloudDnsErrors.Body(400, "cnameResourceRecordSetConflict",
                    $"The resource record set 'entity.change.additions[{i}]' is invalid because the DNS name '{addition.Name}' has a resource record set of the type 'CNAME'. A DNS name may have either one CNAME resource record set or resource record sets of other types, but not both."));
            }
        }

        foreach (var deletion in deletions)
        {
            zone.RecordSets.Remove(deletion.Key);
        }

        foreach (var addition in additions)
        {
            zone.RecordSets[addition.Key] = addition;
        }

        return null;
    }

    private static (int, JsonObject)? Validate(CloudDnsZone zone, CloudDnsRecordSet rrset, string path, bool isAddition)
    {
        if (!rrset.Name.EndsWith('.'))
        {
            return Invalid($"{path}.name", rrset.Name);
        }

        var name = rrset.Name.ToLowerInvariant();
        var zoneName = zone.DnsName.ToLowerInvariant();
        if (name != zoneName && !name.EndsWith("." + zoneName, StringComparison.Ordinal))
        {
            return (400, CloudDnsErrors.Body(400, "invalid",
                $"The resource '{path}' named '{rrset.Name} ({rrset.Type})' is not within the zone '{zone.DnsName}'."));
        }

        if (!SupportedTypes.Contains(rrset.Type))
        {
            return Invalid($"{path}.type", rrset.Type);
        }

        if (!isAddition)
        {
            return null;
        }

        if (rrset.Ttl < 0 || rrset.Ttl > 604800)
        {
            return Invalid($"{path}.ttl", rrset.Ttl.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (rrset.Rrdatas.Count == 0)
        {
            return Required($"{path}.rrdata");
        }

        if (rrset.Type == "CNAME" && rrset.Rrdatas.Count > 1)
        {
            return (400, CloudDnsErrors.Body(400, "invalid", $"The resource record set '{path}' is invalid: a CNAME resource record set may have only one rrdata."));
        }

        for (var j = 0; j < rrset.Rrdatas.Count; j++)
        {
            if (!ValidData(rrset.Type, rrset.Rrdatas[j]))
            {
                return (400, CloudDnsErrors.Body(400, "invalidRecordData", $"Invalid value for '{path}.rrdata[{j}]': '{rrset.Rrdatas[j]}'"));
            }
        }

        return null;
    }

    private static bool ValidData(string type, string data)
    {
        var parts = data.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return type switch
        {
            "A" => IPAddress.TryParse(data, out var v4) && v4.AddressFamily == AddressFamily.InterNetwork && data.Count(c => c == '.') == 3,
            "AAAA" => IPAddress.TryParse(data, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6,
            "CNAME" or "NS" or "PTR" => IsAbsoluteName(data),
            "MX" => parts.Length == 2 && ushort.TryParse(parts[0], out _) && IsAbsoluteName(parts[1]),
            "SRV" => parts.Length == 4 && ushort.TryParse(parts[0], out _) && ushort.TryParse(parts[1], out _) && ushort.TryParse(parts[2], out _) && IsAbsoluteName(parts[3]),
            "TXT" or "SPF" => data.Length > 0,
            _ => data.Length > 0,
        };
    }

    private static bool IsAbsoluteName(string name) =>
        name.EndsWith('.') && name.Length > 1 && !name.Contains(' ', StringComparison.Ordinal) && !name.Contains("..", StringComparison.Ordinal);

    private static (int, JsonObject) Required(string field) =>
        (400, CloudDnsErrors.Body(400, "required", $"The '{field}' parameter is required but was missing."));

    private static (int, JsonObject) Invalid(string field, string value) =>
        (400, CloudDnsErrors.Body(400, "invalid", $"Invalid value for '{field}': '{value}'"));
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Azure;

/// <summary>
/// The record types of each API and the JSON property that holds their data: public zones (2018-05-01) use
/// <c>ARecords</c>, <c>AAAARecords</c>, <c>CNAMERecord</c>, <c>TXTRecords</c>, … and <c>TTL</c>; private zones
/// (2024-06-01) use camel case (<c>aRecords</c>, <c>cnameRecord</c>, <c>ttl</c>). Items share their field names
/// (<c>ipv4Address</c>, <c>ipv6Address</c>, <c>cname</c>, <c>preference</c>/<c>exchange</c>, <c>value</c>, …).
/// </summary>
internal static class AzureRecordTypes
{
    private static readonly Dictionary<string, string> PublicProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        ["A"] = "ARecords",
        ["AAAA"] = "AAAARecords",
        ["CAA"] = "caaRecords",
        ["CNAME"] = "CNAMERecord",
        ["MX"] = "MXRecords",
        ["NS"] = "NSRecords",
        ["PTR"] = "PTRRecords",
        ["SOA"] = "SOARecord",
        ["SRV"] = "SRVRecords",
        ["TXT"] = "TXTRecords",
    };

    private static readonly Dictionary<string, string> PrivateProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        ["A"] = "aRecords",
        ["AAAA"] = "aaaaRecords",
        ["CNAME"] = "cnameRecord",
        ["MX"] = "mxRecords",
        ["PTR"] = "ptrRecords",
        ["SOA"] = "soaRecord",
        ["SRV"] = "srvRecords",
        ["TXT"] = "txtRecords",
    };

    public static IReadOnlyDictionary<string, string> Properties(AzureZoneKind kind) =>
        kind == AzureZoneKind.Public ? PublicProperties : PrivateProperties;

    public static string TtlProperty(AzureZoneKind kind) => kind == AzureZoneKind.Public ? "TTL" : "ttl";

    public static bool IsSingle(string type) => type is "CNAME" or "SOA";

    /// <summary>The canonical (upper case) type name, or null when the API has no such type.</summary>
    public static string? Canonical(AzureZoneKind kind, string type)
    {
        var upper = type.ToUpperInvariant();
        return Properties(kind).ContainsKey(upper) ? upper : null;
    }

    /// <summary>Checks one record item; returns an error message or null. The item is rewritten with canonical field names.</summary>
    public static string? Validate(string type, JsonObject item, out JsonObject canonical)
    {
        canonical = new JsonObject();
        switch (type)
        {
            case "A":
                return Address(item, "ipv4Address", AddressFamily.InterNetwork, canonical);
            case "AAAA":
                return Address(item, "ipv6Address", AddressFamily.InterNetworkV6, canonical);
            case "CNAME":
                return Host(item, "cname", canonical);
            case "NS":
                return Host(item, "nsdname", canonical);
            case "PTR":
                return Host(item, "ptrdname", canonical);
            case "MX":
                return Number(item, "preference", ushort.MaxValue, canonical) ?? Host(item, "exchange", canonical);
            case "SRV":
                return Number(item, "priority", ushort.MaxValue, canonical) ?? Number(item, "weight", ushort.MaxValue, canonical)
                    ?? Number(item, "port", ushort.MaxValue, canonical) ?? Host(item, "target", canonical);
            case "CAA":
                return Number(item, "flags", byte.MaxValue, canonical) ?? Host(item, "tag", canonical) ?? Text(item, "value", canonical);
            case "TXT":
                var values = Get(item, "value") as JsonArray;
                if (values is null || values.Count == 0)
                {
                    return "A TXT record must have at least one value.";
                }

                var copy = new JsonArray();
                foreach (var v in values)
                {
                    if (v is not JsonValue jv || !jv.TryGetValue<string>(out var s))
                    {
                        return "TXT record values must be strings.";
                    }

                    if (s.Length > 1024)
                    {
                        return "A TXT record value cannot be longer than 1024 characters.";
                    }

                    copy.Add(s);
                }

                canonical["value"] = copy;
                return null;
            case "SOA":
                foreach (var (key, value) in item)
                {
                    canonical[key] = value?.DeepClone();
                }

                return null;
            default:
                return $"The record type '{type}' is not supported.";
        }
    }

    /// <summary>The presentation form of one stored item.</summary>
    public static string Format(string type, JsonObject item)
    {
        string S(string key) => item[key]?.GetValue<string>() ?? string.Empty;
        string N(string key) => item[key]?.ToJsonString() ?? "0";
        return type switch
        {
            "A" => S("ipv4Address"),
            "AAAA" => S("ipv6Address"),
            "CNAME" => S("cname"),
            "NS" => S("nsdname"),
            "PTR" => S("ptrdname"),
            "MX" => $"{N("preference")} {S("exchange")}",
            "SRV" => $"{N("priority")} {N("weight")} {N("port")} {S("target")}",
            "CAA" => $"{N("flags")} {S("tag")} {S("value")}",
            "TXT" => string.Concat(item["value"]!.AsArray().Select(v => v!.GetValue<string>())),
            "SOA" => $"{S("host")} {S("email")} {N("serialNumber")}",
            _ => item.ToJsonString(),
        };
    }

    /// <summary>Builds a stored item from its presentation form (for seeding).</summary>
    public static JsonObject Parse(string type, string value)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return type switch
        {
            "A" => new JsonObject { ["ipv4Address"] = value },
            "AAAA" => new JsonObject { ["ipv6Address"] = value },
            "CNAME" => new JsonObject { ["cname"] = value },
            "NS" => new JsonObject { ["nsdname"] = value },
            "PTR" => new JsonObject { ["ptrdname"] = value },
            "MX" => new JsonObject { ["preference"] = int.Parse(parts[0], CultureInfo.InvariantCulture), ["exchange"] = parts[1] },
            "SRV" => new JsonObject
            {
                ["priority"] = int.Parse(parts[0], CultureInfo.InvariantCulture),
                ["weight"] = int.Parse(parts[1], CultureInfo.InvariantCulture),
                ["port"] = int.Parse(parts[2], CultureInfo.InvariantCulture),
                ["target"] = parts[3],
            },
            "CAA" => new JsonObject { ["flags"] = int.Parse(parts[0], CultureInfo.InvariantCulture), ["tag"] = parts[1], ["value"] = string.Join(' ', parts[2..]) },
            "TXT" => new JsonObject { ["value"] = new JsonArray(value) },
            _ => throw new ArgumentException($"cannot seed {type} records", nameof(type)),
        };
    }

    /// <summary>Case-insensitive property lookup, as ARM reads request bodies.</summary>
    public static JsonNode? Get(JsonObject obj, string name)
    {
        foreach (var (key, value) in obj)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    private static string? Address(JsonObject item, string field, AddressFamily family, JsonObject canonical)
    {
        var text = Get(item, field) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (text is null || !IPAddress.TryParse(text, out var ip) || ip.AddressFamily != family)
        {
            return $"The value '{text}' of '{field}' is not a valid {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address.";
        }

        canonical[field] = text;
        return null;
    }

    private static string? Host(JsonObject item, string field, JsonObject canonical)
    {
        var text = Get(item, field) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return $"The field '{field}' is required.";
        }

        canonical[field] = text;
        return null;
    }

    private static string? Text(JsonObject item, string field, JsonObject canonical)
    {
        var text = Get(item, field) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (text is null)
        {
            return $"The field '{field}' is required.";
        }

        canonical[field] = text;
        return null;
    }

    private static string? Number(JsonObject item, string field, int max, JsonObject canonical)
    {
        if (Get(item, field) is not JsonValue v || !v.TryGetValue<long>(out var n))
        {
            return $"The field '{field}' is required and must be a number.";
        }

        if (n < 0 || n > max)
        {
            return $"The value {n} of '{field}' is out of range (0-{max}).";
        }

        canonical[field] = n;
        return null;
    }
}

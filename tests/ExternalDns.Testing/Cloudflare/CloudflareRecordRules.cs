using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Cloudflare;

/// <summary>
/// How the API validates and normalises a DNS record body, from the public API reference and documentation:
/// relative names and <c>@</c> are expanded and names are lower-cased; only A, AAAA and CNAME can be proxied
/// (1004/9004); a proxied record's TTL is Auto (1); otherwise the TTL is 1 or 60–86,400 seconds (30 on Enterprise;
/// 1004/9021); a comment is at most 100 characters on Free zones and 500 on paid ones (9313) and has no line breaks;
/// tags are <c>name:value</c> with a name of letters, digits, <c>-</c> and <c>_</c>; A and AAAA content must be an
/// address of that family (1004/9005); MX needs a priority; SRV takes <c>data</c>. Where the reference names no
/// error code, 1004 "DNS Validation Error" is answered with the reason in its chain.
/// </summary>
internal static class CloudflareRecordRules
{
    public static readonly HashSet<string> KnownTypes =
    [
        "A", "AAAA", "CAA", "CERT", "CNAME", "DNSKEY", "DS", "HTTPS", "LOC", "MX", "NAPTR", "NS", "OPENPGPKEY", "PTR", "SMIMEA",
        "SRV", "SSHFP", "SVCB", "TLSA", "TXT", "URI",
    ];

    public static int MaxComment(CloudflarePlan plan) => plan == CloudflarePlan.Free ? 100 : 500;

    public static int MinTtl(CloudflarePlan plan) => plan == CloudflarePlan.Enterprise ? 30 : 60;

    /// <summary>
    /// Builds the record a create (POST) or overwrite (PUT) body describes; with <paramref name="merge"/> (PATCH) the
    /// body is merged over <paramref name="current"/>. <paramref name="current"/> keeps its id and creation time.
    /// </summary>
    public static CloudflareStoredRecord Build(CloudflareStoredZone zone, JsonObject body, CloudflareStoredRecord? current, bool merge, DateTimeOffset now)
    {
        var fallback = merge ? current : null;
        var type = (GetString(body, "type") ?? fallback?.Type)?.ToUpperInvariant();
        if (string.IsNullOrEmpty(type))
        {
            throw CloudflareApiException.Validation(1004, "DNS record type is required.");
        }

        if (!KnownTypes.Contains(type))
        {
            throw CloudflareApiException.Validation(1004, $"Invalid DNS record type '{type}'.");
        }

        var rawName = GetString(body, "name") ?? fallback?.Name;
        if (string.IsNullOrEmpty(rawName))
        {
            throw CloudflareApiException.Validation(1004, "DNS record name is required.");
        }

        var name = ExpandName(rawName, zone.Name);
        var typeChanged = fallback is not null && fallback.Type != type;
        var proxied = GetBool(body, "proxied") ?? (typeChanged ? false : fallback?.Proxied ?? false);
        var ttl = GetInt(body, "ttl") ?? fallback?.Ttl ?? 1;
        var comment = body.ContainsKey("comment") ? GetString(body, "comment") : fallback?.Comment;
        var tags = body.ContainsKey("tags") ? GetTags(body) : fallback?.Tags ?? [];
        int? priority = body.ContainsKey("priority") ? GetInt(body, "priority") : typeChanged ? null : fallback?.Priority;
        CloudflareSrvData? srv = null;
        string content;
        if (type == "SRV")
        {
            srv = GetSrv(body) ?? (typeChanged ? null : fallback?.Srv)
                ?? throw CloudflareApiException.Validation(1004, "SRV records need 'data' with priority, weight, port and target.");
            priority = srv.Priority;
            content = $"{srv.Weight} {srv.Port} {srv.Target}";
        }
        else
        {
            content = GetString(body, "content") ?? (typeChanged ? null : fallback?.Content)
                ?? throw CloudflareApiException.Validation(1004, "DNS record content is required.");
            content = NormaliseContent(type, content);
        }

        if (type == "MX" && priority is null)
        {
            throw CloudflareApiException.Validation(1004, "MX records need a priority.");
        }

        if (priority is < 0 or > 65535)
        {
            throw CloudflareApiException.Validation(1004, "Priority must be between 0 and 65535.");
        }

        if (proxied && type is not ("A" or "AAAA" or "CNAME"))
        {
            throw CloudflareApiException.Validation(9004, "This kind of record cannot be proxied.");
        }

        if (proxied)
        {
            ttl = 1;
        }
        else if (ttl != 1 && (ttl < MinTtl(zone.Plan) || ttl > 86400))
        {
            throw CloudflareApiException.Validation(9021, $"TTL must be between {MinTtl(zone.Plan)} and 86400 seconds, or 1 for Automatic.");
        }

        comment = string.IsNullOrEmpty(comment) ? null : comment;
        if (comment is not null)
        {
            if (comment.Contains('\n', StringComparison.Ordinal) || comment.Contains('\r', StringComparison.Ordinal))
            {
                throw CloudflareApiException.Validation(1004, "DNS record comment cannot contain line breaks.");
            }

            var max = MaxComment(zone.Plan);
            if (comment.EnumerateRunes().Count() > max)
            {
                throw CloudflareApiException.Validation(9313, $"DNS record comment exceeds the maximum length of {max} characters.");
            }
        }

        foreach (var tag in tags)
        {
            var colon = tag.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !tag[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                throw CloudflareApiException.Validation(1004, $"Invalid tag '{tag}': tags are name:value pairs and a name has only letters, digits, '-' and '_'.");
            }

            if (tag.Contains('\n', StringComparison.Ordinal) || tag.Contains('\r', StringComparison.Ordinal))
            {
                throw CloudflareApiException.Validation(1004, $"Invalid tag '{tag}': line breaks are not allowed.");
            }
        }

        return new CloudflareStoredRecord
        {
            Id = current?.Id ?? string.Empty,
            ZoneId = zone.Id,
            Name = name,
            Type = type,
            Content = content,
            Ttl = ttl,
            Proxied = proxied,
            Comment = comment,
            Tags = [.. tags.Distinct(StringComparer.Ordinal)],
            Priority = type is "MX" or "SRV" or "URI" ? priority : null,
            Srv = srv,
            CreatedOn = current?.CreatedOn ?? now,
            ModifiedOn = now,
        };
    }

    /// <summary>Whether two records are "identical" in the sense of error 81058 (same name, type and data).</summary>
    public static bool Identical(CloudflareStoredRecord a, CloudflareStoredRecord b) =>
        a.Name == b.Name && a.Type == b.Type && string.Equals(a.Content, b.Content, StringComparison.OrdinalIgnoreCase)
        && a.Priority == b.Priority && a.Srv == b.Srv;

    /// <summary>81053 and 81058: the conflicts a new or changed record may have with the others at its name.</summary>
    public static void CheckConflicts(CloudflareStoredRecord candidate, IEnumerable<CloudflareStoredRecord> sameName)
    {
        foreach (var other in sameName)
        {
            if (other.Id == candidate.Id)
            {
                continue;
            }

            if (Identical(candidate, other))
            {
                throw CloudflareApiException.Single(400, 81058, "An identical record already exists.");
            }

            var candidateIsCname = candidate.Type == "CNAME";
            var otherIsCname = other.Type == "CNAME";
            if ((candidateIsCname && other.Type is "A" or "AAAA" or "CNAME") || (otherIsCname && candidate.Type is "A" or "AAAA"))
            {
                throw CloudflareApiException.Single(400, 81053, "An A, AAAA, or CNAME record with that host already exists.");
            }
        }
    }

    /// <summary>Expands <c>@</c> and relative names, removes a trailing dot, lower-cases; rejects invalid names.</summary>
    public static string ExpandName(string raw, string zoneName)
    {
        var name = raw.Trim().TrimEnd('.').ToLowerInvariant();
        if (name is "@" or "")
        {
            name = zoneName;
        }
        else if (name != zoneName && !name.EndsWith("." + zoneName, StringComparison.Ordinal))
        {
            name = name + "." + zoneName;
        }

        if (name.Length > 253)
        {
            throw CloudflareApiException.Validation(1004, "DNS name is too long.");
        }

        var labels = name.Split('.');
        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            var valid = label.Length is > 0 and <= 63
                && (label == "*" ? i == 0 : label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
            if (!valid)
            {
                throw CloudflareApiException.Validation(1004, $"DNS name '{raw}' is invalid.");
            }
        }

        return name;
    }

    private static string NormaliseContent(string type, string content)
    {
        switch (type)
        {
            case "A":
                if (!IsStrictIPv4(content))
                {
                    throw CloudflareApiException.Validation(9005, "Content for A record must be a valid IPv4 address.");
                }

                return content;
            case "AAAA":
                if (!IPAddress.TryParse(content, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
                {
                    throw CloudflareApiException.Validation(9005, "Content for AAAA record must be a valid IPv6 address.");
                }

                return v6.ToString();
            case "CNAME" or "NS" or "MX" or "PTR":
                var host = content.Trim().TrimEnd('.');
                if (host.Length == 0 || host.Length > 253 || host.Split('.').Any(l => l.Length is 0 or > 63 || !l.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '*')))
                {
                    throw CloudflareApiException.Validation(1004, $"Content for {type} record must be a valid host name.");
                }

                return host;
            case "TXT":
                if (content.Length == 0)
                {
                    throw CloudflareApiException.Validation(1004, "Content for TXT record is required.");
                }

                if (content.Length > 4096)
                {
                    throw CloudflareApiException.Validation(1004, "Content for TXT record is too long.");
                }

                return content;
            default:
                return content;
        }
    }

    private static bool IsStrictIPv4(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit)
            && int.Parse(p, CultureInfo.InvariantCulture) <= 255 && (p.Length == 1 || p[0] != '0'));
    }

    private static string? GetString(JsonObject body, string name)
    {
        var node = body[name];
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            throw CloudflareApiException.BadJson($"'{name}' must be a string");
        }

        return node.GetValue<string>();
    }

    private static bool? GetBool(JsonObject body, string name)
    {
        var node = body[name];
        return node?.GetValueKind() switch
        {
            null => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw CloudflareApiException.BadJson($"'{name}' must be a boolean"),
        };
    }

    private static int? GetInt(JsonObject body, string name)
    {
        var node = body[name];
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.Number)
        {
            throw CloudflareApiException.BadJson($"'{name}' must be a number");
        }

        var value = double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);
        if (value != Math.Floor(value) || value > int.MaxValue || value < int.MinValue)
        {
            throw CloudflareApiException.BadJson($"'{name}' must be an integer");
        }

        return (int)value;
    }

    private static List<string> GetTags(JsonObject body)
    {
        var node = body["tags"];
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            throw CloudflareApiException.BadJson("'tags' must be an array of strings");
        }

        var tags = new List<string>();
        foreach (var item in array)
        {
            if (item is null || item.GetValueKind() != JsonValueKind.String)
            {
                throw CloudflareApiException.BadJson("'tags' must be an array of strings");
            }

            tags.Add(item.GetValue<string>());
        }

        return tags;
    }

    private static CloudflareSrvData? GetSrv(JsonObject body)
    {
        if (body["data"] is not JsonObject data)
        {
            return null;
        }

        var priority = GetInt(data, "priority");
        var weight = GetInt(data, "weight");
        var port = GetInt(data, "port");
        var target = GetString(data, "target");
        if (priority is null || weight is null || port is null || string.IsNullOrEmpty(target))
        {
            throw CloudflareApiException.Validation(1004, "SRV data needs priority, weight, port and target.");
        }

        if (weight is < 0 or > 65535 || port is < 0 or > 65535)
        {
            throw CloudflareApiException.Validation(1004, "SRV weight and port must be between 0 and 65535.");
        }

        return new CloudflareSrvData(priority.Value, weight.Value, port.Value, target == "." ? "." : target.TrimEnd('.').ToLowerInvariant());
    }
}

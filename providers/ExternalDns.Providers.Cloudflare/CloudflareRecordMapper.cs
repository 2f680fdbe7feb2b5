using System.Globalization;
using ExternalDns.Core.Endpoints;
using ExternalDns.Providers.Cloudflare.Api;

namespace ExternalDns.Providers.Cloudflare;

/// <summary>
/// Cloudflare records ⇄ endpoints. Cloudflare keeps one record per target; reading groups them by name and type into
/// one endpoint with the group's proxied flag, comment, tags, custom hostnames and region key as properties, spelled
/// exactly as <see cref="CloudflareEndpointCanonicaliser"/> spells desired endpoints, so that an unchanged record set
/// plans nothing. Writing turns one endpoint target into one record body.
/// </summary>
internal static class CloudflareRecordMapper
{
    /// <summary>The types read (upstream: A, AAAA, CNAME, SRV, TXT, NS and MX).</summary>
    public static readonly HashSet<string> ReadTypes = [RecordTypes.A, RecordTypes.AAAA, RecordTypes.CNAME, RecordTypes.SRV, RecordTypes.TXT, RecordTypes.NS, RecordTypes.MX];

    /// <summary>Only address records can be proxied (upstream lists LOC, MX, NS, SPF, TXT and SRV as never proxied;
    /// Cloudflare refuses every other type too).</summary>
    public static bool IsProxiable(string recordType) => recordType is RecordTypes.A or RecordTypes.AAAA or RecordTypes.CNAME;

    public static bool SupportsCustomHostname(string recordType) => recordType is RecordTypes.A or RecordTypes.CNAME;

    public static bool SupportsRegionalHostname(string recordType) => recordType is RecordTypes.A or RecordTypes.AAAA or RecordTypes.CNAME;

    /// <summary>The endpoint target of a record: MX as <c>priority host</c>, SRV as <c>priority weight port target.</c>.</summary>
    public static string TargetOf(CloudflareDnsRecord record)
    {
        switch (record.Type)
        {
            case RecordTypes.MX:
                return string.Create(CultureInfo.InvariantCulture, $"{record.Priority ?? 0} {record.Content}");
            case RecordTypes.SRV when record.Data is { } srv && srv.Target.Length > 0:
                var target = srv.Target == "." || srv.Target.EndsWith('.') ? srv.Target : srv.Target + ".";
                return string.Create(CultureInfo.InvariantCulture, $"{srv.Priority} {srv.Weight} {srv.Port} {target}");
            default:
                return record.Content;
        }
    }

    /// <summary>Groups a zone's records into endpoints.</summary>
    public static List<Endpoint> ToEndpoints(CloudflareZoneSnapshot zone, CloudflarePropertyNames names, CloudflareProviderOptions options)
    {
        var groups = new Dictionary<(string Name, string Type), List<CloudflareDnsRecord>>();
        foreach (var record in zone.Records)
        {
            if (!ReadTypes.Contains(record.Type))
            {
                continue;
            }

            var key = (DnsNames.Normalize(record.Name), record.Type);
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add(record);
        }

        var customByOrigin = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (options.CustomHostnames)
        {
            foreach (var ch in zone.CustomHostnames.Values)
            {
                if (string.IsNullOrEmpty(ch.CustomOriginServer))
                {
                    continue;
                }

                var origin = DnsNames.Normalize(ch.CustomOriginServer);
                if (!customByOrigin.TryGetValue(origin, out var hostnames))
                {
                    customByOrigin[origin] = hostnames = [];
                }

                hostnames.Add(ch.Hostname.ToLowerInvariant());
            }
        }

        var endpoints = new List<Endpoint>(groups.Count);
        foreach (var ((name, type), records) in groups.OrderBy(g => g.Key.Name, StringComparer.Ordinal).ThenBy(g => g.Key.Type, StringComparer.Ordinal))
        {
            var first = records[0];
            var inconsistent = new List<string>();
            var ttl = (long)first.Ttl;
            if (records.Any(r => r.Proxied != first.Proxied))
            {
                inconsistent.Add("proxied");
            }

            if (records.Any(r => r.Ttl != first.Ttl))
            {
                inconsistent.Add("ttl");
                ttl = 0;
            }

            var comment = first.Comment ?? string.Empty;
            if (records.Any(r => (r.Comment ?? string.Empty) != comment))
            {
                inconsistent.Add("comment");
            }

            var tags = CanonicalTags(first.Tags);
            if (records.Any(r => CanonicalTags(r.Tags) != tags))
            {
                inconsistent.Add("tags");
            }

            var endpoint = new Endpoint(name, type, ttl, records.Select(TargetOf));
            endpoint.SetProviderSpecific(names.Proxied, first.Proxied ? "true" : "false");
            if (comment.Length > 0)
            {
                endpoint.SetProviderSpecific(names.RecordComment, comment);
            }

            if (tags.Length > 0)
            {
                endpoint.SetProviderSpecific(names.Tags, tags);
            }

            if (options.CustomHostnames && SupportsCustomHostname(type) && customByOrigin.TryGetValue(name, out var custom))
            {
                endpoint.SetProviderSpecific(names.CustomHostname, string.Join(',', custom.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)));
            }

            if (options.RegionalServicesEnabled && SupportsRegionalHostname(type) && zone.RegionalHostnames is { } regional)
            {
                endpoint.SetProviderSpecific(names.RegionKey, regional.GetValueOrDefault(name) ?? string.Empty);
            }

            if (inconsistent.Count > 0)
            {
                endpoint.SetProviderSpecific(CloudflarePropertyNames.Inconsistent, string.Join(',', inconsistent));
            }

            endpoints.Add(endpoint);
        }

        return endpoints;
    }

    /// <summary>Tags sorted and de-duplicated, comma-joined: the spelling of the <c>cloudflare-tags</c> property.</summary>
    public static string CanonicalTags(IEnumerable<string>? tags) =>
        tags is null ? string.Empty : string.Join(',', tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    /// <summary>The record body for one target of a (canonical) endpoint in <paramref name="zone"/>.</summary>
    public static CloudflareDnsRecordBody Body(Endpoint endpoint, string target, CloudflareZoneSnapshot zone, CloudflarePropertyNames names, CloudflareProviderOptions options)
    {
        var type = endpoint.RecordType;
        var proxiedValue = endpoint.GetProviderSpecific(names.Proxied);
        var proxied = IsProxiable(type) && (proxiedValue is null ? options.Proxied : proxiedValue == "true");
        var ttl = proxied || endpoint.RecordTtl <= 0 ? 1 : ClampTtl(endpoint.RecordTtl, zone.MinTtl);
        var comment = endpoint.GetProviderSpecific(names.RecordComment);
        comment = string.IsNullOrEmpty(comment) ? null : CloudflareEndpointCanonicaliser.TrimComment(comment, zone.MaxComment);
        var tagText = endpoint.GetProviderSpecific(names.Tags);
        var body = new CloudflareDnsRecordBody
        {
            Name = DnsNames.Normalize(endpoint.DnsName),
            Type = type,
            Ttl = ttl,
            Proxied = proxied,
            Comment = comment,
            Tags = string.IsNullOrEmpty(tagText) ? [] : [.. tagText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        };
        switch (type)
        {
            case RecordTypes.MX:
                var mx = target.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (mx.Length == 2 && int.TryParse(mx[0], NumberStyles.None, CultureInfo.InvariantCulture, out var preference))
                {
                    body.Priority = preference;
                    body.Content = mx[1].TrimEnd('.');
                }
                else
                {
                    body.Content = target;
                }

                break;
            case RecordTypes.SRV:
                var srv = target.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (srv.Length == 4 && int.TryParse(srv[0], NumberStyles.None, CultureInfo.InvariantCulture, out var priority)
                    && int.TryParse(srv[1], NumberStyles.None, CultureInfo.InvariantCulture, out var weight)
                    && int.TryParse(srv[2], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
                {
                    body.Data = new CloudflareSrvData { Priority = priority, Weight = weight, Port = port, Target = srv[3] == "." ? "." : srv[3].TrimEnd('.') };
                }
                else
                {
                    body.Content = target;
                }

                break;
            default:
                body.Content = target;
                break;
        }

        return body;
    }

    /// <summary>Whether writing <paramref name="body"/> over <paramref name="record"/> (same name, type and target) changes anything.</summary>
    public static bool Differs(CloudflareDnsRecord record, CloudflareDnsRecordBody body) =>
        record.Ttl != body.Ttl || record.Proxied != body.Proxied
        || (record.Comment ?? string.Empty) != (body.Comment ?? string.Empty)
        || CanonicalTags(record.Tags) != CanonicalTags(body.Tags);

    public static int ClampTtl(long ttl, int minTtl) => ttl == 1 ? 1 : (int)Math.Clamp(ttl, minTtl, 86400);
}

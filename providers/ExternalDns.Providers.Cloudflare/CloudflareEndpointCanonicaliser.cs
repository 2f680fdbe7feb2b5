using System.Text;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Providers;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Cloudflare;

/// <summary>
/// <c>AdjustEndpoints</c>: rewrites desired endpoints exactly as their records will read back, so that a second run
/// plans nothing (upstream ED#6135 loops on proxied, multi-target, commented and tagged records):
/// <list type="bullet">
/// <item>proxied: the annotation, else <c>--cloudflare-proxied</c>; never for types other than A, AAAA and CNAME;
/// a proxied record's TTL is Cloudflare's automatic one, so no TTL is compared.</item>
/// <item>TTL: 1 (automatic) or within the zone's 60 (30 on Enterprise) to 86,400 seconds, as Cloudflare stores it.</item>
/// <item>comment: the annotation, else <c>--cloudflare-record-comment</c>; line breaks become spaces; trimmed to the
/// zone plan's limit (100 characters on Free zones, 500 on paid ones); none when empty.</item>
/// <item>tags: trimmed, invalid ones (not <c>name:value</c>) dropped with a warning, de-duplicated, sorted.</item>
/// <item>custom hostnames (only with <c>--cloudflare-custom-hostnames</c>, A and CNAME): lower-cased, sorted.</item>
/// <item>region key (only with Regional Services, A/AAAA/CNAME): the annotation, else <c>--cloudflare-region-key</c>.</item>
/// <item>targets de-duplicated; a CNAME keeps one target (Cloudflare allows one CNAME per name); SRV hosts end in a dot.</item>
/// <item>every other provider-specific property is dropped (the Cloudflare provider does not read them).</item>
/// </list>
/// </summary>
internal sealed class CloudflareEndpointCanonicaliser(CloudflareProviderOptions options, CloudflarePropertyNames names, ILogger logger)
{
    private const int MaxRemembered = 10_000;
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public IReadOnlyList<Endpoint> Adjust(IReadOnlyList<Endpoint> endpoints, ZoneIndex<CloudflareZoneSnapshot>? zones)
    {
        var result = new List<Endpoint>(endpoints.Count);
        foreach (var original in endpoints)
        {
            var e = original.Clone();
            CloudflareZoneSnapshot? zone = null;
            if (zones is not null && !zones.TryFind(e.DnsName, out _, out zone))
            {
                zone = null;
                WarnOnce("zone|" + e.DnsName, () => CloudflareLog.NoZoneForName(logger, e.DnsName, e.RecordType));
            }

            CanonicaliseTargets(e);
            CanonicaliseProperties(e, zone);
            result.Add(e);
        }

        return result;
    }

    /// <summary>Cuts a comment to <paramref name="max"/> characters (Unicode scalar values, never half a pair).</summary>
    public static string TrimComment(string comment, int max)
    {
        var flat = comment.Contains('\n', StringComparison.Ordinal) || comment.Contains('\r', StringComparison.Ordinal)
            ? comment.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ')
            : comment;
        var count = 0;
        var builder = new StringBuilder();
        foreach (var rune in flat.EnumerateRunes())
        {
            if (++count > max)
            {
                return builder.ToString();
            }

            builder.Append(rune.ToString());
        }

        return flat;
    }

    /// <summary>Whether a tag is <c>name:value</c> with a name of letters, digits, <c>-</c> and <c>_</c>.</summary>
    public static bool IsValidTag(string tag)
    {
        var colon = tag.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && tag[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') && !tag.Contains('\n', StringComparison.Ordinal) && !tag.Contains('\r', StringComparison.Ordinal);
    }

    public static bool? ParseBool(string value) => value switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => null,
    };

    private void CanonicaliseTargets(Endpoint e)
    {
        IEnumerable<string> targets = e.Targets;
        if (e.RecordType == RecordTypes.SRV)
        {
            targets = targets.Select(t =>
            {
                var parts = t.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return parts.Length == 4 && parts[3] != "." && !parts[3].EndsWith('.') ? string.Join(' ', parts[..3]) + " " + parts[3] + "." : t;
            });
        }

        var distinct = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            if (seen.Add(Targets.Canonical(target)))
            {
                distinct.Add(target);
            }
        }

        if (e.RecordType == RecordTypes.CNAME && distinct.Count > 1)
        {
            var kept = distinct.OrderBy(Targets.Canonical, StringComparer.Ordinal).First();
            WarnOnce("cname|" + e.DnsName, () => CloudflareLog.CnameTargetsDropped(logger, e.DnsName, distinct.Count, kept));
            distinct = [kept];
        }

        if (distinct.Count != e.Targets.Count || e.RecordType == RecordTypes.SRV)
        {
            e.Targets = new Targets(distinct);
        }
    }

    private void CanonicaliseProperties(Endpoint e, CloudflareZoneSnapshot? zone)
    {
        // The configured spelling wins over the default and legacy ones.
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in e.ProviderSpecific.OrderBy(p => names.IsCanonicalSpelling(p.Name) ? 1 : 0))
        {
            if (names.Canonical(property.Name) is { } canonical)
            {
                values[canonical] = property.Value;
            }
        }

        e.ProviderSpecific.Clear();
        var type = e.RecordType;

        var proxied = options.Proxied;
        if (values.TryGetValue(names.Proxied, out var proxiedText))
        {
            if (ParseBool(proxiedText.Trim()) is { } parsed)
            {
                proxied = parsed;
            }
            else
            {
                WarnOnce("proxied|" + e.DnsName + "|" + proxiedText, () => CloudflareLog.InvalidProxied(logger, e.DnsName, proxiedText, options.Proxied));
            }
        }

        proxied &= CloudflareRecordMapper.IsProxiable(type);
        e.SetProviderSpecific(names.Proxied, proxied ? "true" : "false");
        if (proxied)
        {
            e.RecordTtl = 0;
        }
        else if (e.RecordTtl > 0)
        {
            var clamped = CloudflareRecordMapper.ClampTtl(e.RecordTtl, zone?.MinTtl ?? 60);
            if (clamped != e.RecordTtl)
            {
                WarnOnce("ttl|" + e.DnsName, () => CloudflareLog.TtlClamped(logger, e.DnsName, e.RecordTtl, clamped));
                e.RecordTtl = clamped;
            }
        }

        var comment = values.TryGetValue(names.RecordComment, out var annotated) ? annotated : options.RecordComment;
        if (comment.Length > 0)
        {
            var max = zone?.MaxComment ?? 100;
            var trimmed = TrimComment(comment, max);
            if (trimmed.Length < comment.Length)
            {
                WarnOnce("comment|" + e.DnsName, () => CloudflareLog.CommentTrimmed(logger, e.DnsName, max));
            }

            if (trimmed.Length > 0)
            {
                e.SetProviderSpecific(names.RecordComment, trimmed);
            }
        }

        if (values.TryGetValue(names.Tags, out var tagText))
        {
            var tags = new List<string>();
            foreach (var tag in tagText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (IsValidTag(tag))
                {
                    tags.Add(tag);
                }
                else
                {
                    WarnOnce("tag|" + e.DnsName + "|" + tag, () => CloudflareLog.InvalidTag(logger, e.DnsName, tag));
                }
            }

            var canonical = CloudflareRecordMapper.CanonicalTags(tags);
            if (canonical.Length > 0)
            {
                e.SetProviderSpecific(names.Tags, canonical);
            }
        }

        if (options.CustomHostnames && CloudflareRecordMapper.SupportsCustomHostname(type) && values.TryGetValue(names.CustomHostname, out var customText))
        {
            var hostnames = customText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(h => h.TrimEnd('.').ToLowerInvariant()).Where(h => h.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (hostnames.Count > 0)
            {
                e.SetProviderSpecific(names.CustomHostname, string.Join(',', hostnames));
            }
        }

        if (options.RegionalServicesEnabled && CloudflareRecordMapper.SupportsRegionalHostname(type))
        {
            e.SetProviderSpecific(names.RegionKey, (values.TryGetValue(names.RegionKey, out var key) ? key : options.RegionKey).Trim());
        }
    }

    private void WarnOnce(string key, Action warn)
    {
        lock (_lock)
        {
            if (_warned.Count > MaxRemembered)
            {
                _warned.Clear();
            }

            if (!_warned.Add(key))
            {
                return;
            }
        }

        warn();
    }
}

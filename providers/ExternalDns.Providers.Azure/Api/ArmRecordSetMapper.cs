using System.Globalization;

namespace ExternalDns.Providers.Azure.Api;

/// <summary>
/// Converts between ARM record sets and <see cref="AzureRecordSet"/>. Targets use ExternalDNS's presentation forms; a
/// TXT record's strings are concatenated on read, and a TXT target longer than 1024 characters (ARM's limit per string)
/// is split on write, so every value round-trips.
/// </summary>
internal static class ArmRecordSetMapper
{
    private const int MaxTxtString = 1024;

    /// <summary>The types the provider reads and writes (NS only in public zones).</summary>
    public static bool IsSupported(string type, bool isPrivate) =>
        type is "A" or "AAAA" or "CNAME" or "MX" or "SRV" or "TXT" or "PTR" || (type == "NS" && !isPrivate);

    public static AzureRecordSet? FromArm(ArmRecordSet set)
    {
        if (set.Name is null || set.Type is null)
        {
            return null;
        }

        var slash = set.Type.LastIndexOf('/');
        var type = (slash >= 0 ? set.Type[(slash + 1)..] : set.Type).ToUpperInvariant();
        var p = set.Properties ?? new ArmRecordSetProperties();
        List<string> targets = type switch
        {
            "A" => [.. (p.ARecords ?? []).Select(r => r.Ipv4Address).OfType<string>()],
            "AAAA" => [.. (p.AaaaRecords ?? []).Select(r => r.Ipv6Address).OfType<string>()],
            "CNAME" => p.CnameRecord?.Cname is { } cname ? [cname] : [],
            "MX" => [.. (p.MxRecords ?? []).Where(r => r.Exchange is not null).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Preference ?? 0} {r.Exchange}"))],
            "NS" => [.. (p.NsRecords ?? []).Select(r => r.Nsdname).OfType<string>()],
            "PTR" => [.. (p.PtrRecords ?? []).Select(r => r.Ptrdname).OfType<string>()],
            "SRV" => [.. (p.SrvRecords ?? []).Where(r => r.Target is not null).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Priority ?? 0} {r.Weight ?? 0} {r.Port ?? 0} {r.Target}"))],
            "TXT" => [.. (p.TxtRecords ?? []).Where(r => r.Value is { Count: > 0 }).Select(r => string.Concat(r.Value!))],
            _ => [],
        };
        var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in p.Metadata ?? [])
        {
            if (v is not null)
            {
                metadata[k] = v;
            }
        }

        return new AzureRecordSet(set.Name, type, p.Ttl ?? 0, targets, metadata) { Etag = set.Etag };
    }

    /// <summary>The PUT body's properties; throws <see cref="FormatException"/> for a target the type cannot hold.</summary>
    public static ArmRecordSetProperties ToArm(AzureRecordSet set)
    {
        var p = new ArmRecordSetProperties
        {
            Ttl = set.Ttl,
            Metadata = set.Metadata.Count > 0 ? set.Metadata.ToDictionary(kv => kv.Key, kv => (string?)kv.Value, StringComparer.Ordinal) : null,
        };
        switch (set.Type)
        {
            case "A":
                p.ARecords = [.. set.Targets.Select(t => new ArmRecordData { Ipv4Address = t })];
                break;
            case "AAAA":
                p.AaaaRecords = [.. set.Targets.Select(t => new ArmRecordData { Ipv6Address = t })];
                break;
            case "CNAME":
                p.CnameRecord = new ArmRecordData { Cname = set.Targets.Count > 0 ? set.Targets[0] : throw new FormatException("a CNAME record set needs a target") };
                break;
            case "MX":
                p.MxRecords = [.. set.Targets.Select(Mx)];
                break;
            case "NS":
                p.NsRecords = [.. set.Targets.Select(t => new ArmRecordData { Nsdname = t })];
                break;
            case "PTR":
                p.PtrRecords = [.. set.Targets.Select(t => new ArmRecordData { Ptrdname = t })];
                break;
            case "SRV":
                p.SrvRecords = [.. set.Targets.Select(Srv)];
                break;
            case "TXT":
                p.TxtRecords = [.. set.Targets.Select(t => new ArmRecordData { Value = Chunks(t) })];
                break;
            default:
                throw new FormatException($"record type {set.Type} is not supported by the Azure provider");
        }

        return p;
    }

    public static ArmPrivateRecordSetProperties ToPrivate(ArmRecordSetProperties p) => new()
    {
        Metadata = p.Metadata,
        Ttl = p.Ttl,
        ARecords = p.ARecords,
        AaaaRecords = p.AaaaRecords,
        CnameRecord = p.CnameRecord,
        MxRecords = p.MxRecords,
        SrvRecords = p.SrvRecords,
        TxtRecords = p.TxtRecords,
        PtrRecords = p.PtrRecords,
    };

    /// <summary>Null when <paramref name="target"/> fits the type, else why not.</summary>
    public static string? Check(string type, string target)
    {
        try
        {
            _ = type switch
            {
                "MX" => Mx(target),
                "SRV" => Srv(target),
                _ => null,
            };
            return null;
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }

    private static ArmRecordData Mx(string target)
    {
        var parts = target.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 2 && ushort.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var preference)
            ? new ArmRecordData { Preference = preference, Exchange = parts[1] }
            : throw new FormatException($"MX target '{target}' is not '<preference> <host>'");
    }

    private static ArmRecordData Srv(string target)
    {
        var parts = target.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 4
            && ushort.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var priority)
            && ushort.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var weight)
            && ushort.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            return new ArmRecordData { Priority = priority, Weight = weight, Port = port, Target = parts[3] };
        }

        throw new FormatException($"SRV target '{target}' is not '<priority> <weight> <port> <host>'");
    }

    private static List<string> Chunks(string value)
    {
        if (value.Length <= MaxTxtString)
        {
            return [value];
        }

        var chunks = new List<string>();
        for (var i = 0; i < value.Length; i += MaxTxtString)
        {
            chunks.Add(value.Substring(i, Math.Min(MaxTxtString, value.Length - i)));
        }

        return chunks;
    }
}

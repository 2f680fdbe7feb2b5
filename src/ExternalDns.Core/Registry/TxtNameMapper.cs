using System.Text;
using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Registry;

/// <summary>
/// Maps record names to ownership TXT names and back, as upstream's <c>AffixNameMapper</c>:
/// <c>&lt;prefix&gt;&lt;type&gt;-&lt;firstlabel&gt;&lt;suffix&gt;.&lt;rest&gt;</c> with the type in lower case; a
/// <c>%{record_type}</c> in the prefix or suffix is replaced by the type and suppresses the <c>type-</c> part.
/// Affixes and the wildcard replacement are lower-cased, so reading is case-insensitive.
/// </summary>
public sealed class TxtNameMapper
{
    /// <summary>The placeholder for the lower-case record type inside a prefix or suffix.</summary>
    public const string RecordTypeTemplate = "%{record_type}";

    /// <summary>The label length limit of DNS (RFC 1035); a TXT name with a longer label is not written.</summary>
    public const int MaxLabelLength = 63;

    // Upstream's order matters: the first type whose affix matches wins.
    private static readonly string[] SupportedTypes =
    [
        RecordTypes.A, RecordTypes.AAAA, RecordTypes.CNAME, RecordTypes.NS, RecordTypes.MX, RecordTypes.PTR,
        RecordTypes.SRV, RecordTypes.NAPTR, RecordTypes.TXT, RecordTypes.DNAME,
    ];

    private readonly string _prefix;
    private readonly string _suffix;
    private readonly bool _typeInAffix;

    public TxtNameMapper(string? prefix, string? suffix, string? wildcardReplacement)
    {
        _prefix = (prefix ?? string.Empty).ToLowerInvariant();
        _suffix = (suffix ?? string.Empty).ToLowerInvariant();
        WildcardReplacement = (wildcardReplacement ?? string.Empty).ToLowerInvariant();
        _typeInAffix = _prefix.Contains(RecordTypeTemplate, StringComparison.Ordinal)
            || _suffix.Contains(RecordTypeTemplate, StringComparison.Ordinal);
    }

    /// <summary>The lower-cased wildcard replacement (empty when not configured).</summary>
    public string WildcardReplacement { get; }

    private bool IsPrefix => _suffix.Length == 0;

    private bool IsSuffix => _prefix.Length == 0 && _suffix.Length > 0;

    /// <summary>The TXT name that holds the ownership of <paramref name="dnsName"/> of type <paramref name="recordType"/>.</summary>
    public string ToTxtName(string dnsName, string recordType)
    {
        ArgumentNullException.ThrowIfNull(dnsName);
        ArgumentNullException.ThrowIfNull(recordType);
        var dot = dnsName.IndexOf('.', StringComparison.Ordinal);
        var first = dot < 0 ? dnsName : dnsName[..dot];
        var type = LowerType(recordType);
        var prefix = _typeInAffix ? _prefix.Replace(RecordTypeTemplate, type, StringComparison.Ordinal) : _prefix;
        var suffix = _typeInAffix ? _suffix.Replace(RecordTypeTemplate, type, StringComparison.Ordinal) : _suffix;
        if (WildcardReplacement.Length > 0 && first == "*")
        {
            first = WildcardReplacement;
        }

        var typed = _typeInAffix ? first : string.Concat(type, "-", first);
        return dot < 0 ? string.Concat(prefix, typed, suffix) : string.Concat(prefix, typed, suffix, dnsName.AsSpan(dot));
    }

    private static string LowerType(string recordType) => recordType switch
    {
        RecordTypes.A => "a",
        RecordTypes.AAAA => "aaaa",
        RecordTypes.CNAME => "cname",
        _ => recordType.ToLowerInvariant(),
    };

    /// <summary>
    /// The record name and type a TXT name stands for. The type is empty for the old untyped format; both are empty
    /// when the name does not carry the configured affix.
    /// </summary>
    public (string DnsName, string RecordType) ToEndpointName(string txtName)
    {
        ArgumentNullException.ThrowIfNull(txtName);
        var lower = txtName.ToLowerInvariant();
        if (IsPrefix)
        {
            return DropAffixExtractType(lower);
        }

        if (IsSuffix)
        {
            var dots = _suffix.Count(c => c == '.');
            var parts = lower.Split('.', 2 + dots);
            if (parts.Length <= dots)
            {
                return (string.Empty, string.Empty);
            }

            var (name, type) = DropAffixExtractType(string.Join('.', parts, 0, 1 + dots));
            return parts.Length <= 1 + dots ? (name, type) : (name + "." + parts[1 + dots], type);
        }

        return (string.Empty, string.Empty);
    }

    /// <summary>
    /// <see cref="ToEndpointName"/> without allocating the name in the common case (a prefix without the type
    /// template): the record name is <c>Source[Start..]</c>. For the TXT registry's read of every ownership record.
    /// </summary>
    internal (string Source, int Start, string RecordType) ToEndpointNameRange(string txtName)
    {
        ArgumentNullException.ThrowIfNull(txtName);
        if (!IsPrefix || _typeInAffix)
        {
            var (name, type) = ToEndpointName(txtName);
            return (name, 0, type);
        }

        var lower = txtName.ToLowerInvariant();
        if (!lower.StartsWith(_prefix, StringComparison.Ordinal))
        {
            return (string.Empty, 0, string.Empty);
        }

        // As ExtractTypeFromDefaultPosition, on offsets into the lower-cased name.
        var start = _prefix.Length;
        var dash = lower.IndexOf('-', start);
        var head = lower.AsSpan(start, (dash < 0 ? lower.Length : dash) - start);
        foreach (var t in SupportedTypes)
        {
            if (head.Equals(t, StringComparison.OrdinalIgnoreCase))
            {
                return (lower, dash < 0 ? start : dash + 1, t);
            }
        }

        return (lower, start, string.Empty);
    }

    /// <summary>True when every label of <paramref name="dnsName"/> fits the 63-byte limit.</summary>
    public static bool HasValidLabels(string dnsName)
    {
        ArgumentNullException.ThrowIfNull(dnsName);
        var rest = dnsName.AsSpan();
        while (true)
        {
            var dot = rest.IndexOf('.');
            var label = dot < 0 ? rest : rest[..dot];
            if (label.Length > MaxLabelLength || (label.Length * 3 > MaxLabelLength && Encoding.UTF8.GetByteCount(label) > MaxLabelLength))
            {
                return false;
            }

            if (dot < 0)
            {
                return true;
            }

            rest = rest[(dot + 1)..];
        }
    }

    private (string DnsName, string RecordType) DropAffixExtractType(string name)
    {
        var prefix = _prefix;
        var suffix = _suffix;
        if (_typeInAffix)
        {
            foreach (var t in SupportedTypes)
            {
                var lowerType = t.ToLowerInvariant();
                var typedPrefix = prefix.Replace(RecordTypeTemplate, lowerType, StringComparison.Ordinal);
                var typedSuffix = suffix.Replace(RecordTypeTemplate, lowerType, StringComparison.Ordinal);
                if (IsPrefix && name.StartsWith(typedPrefix, StringComparison.Ordinal))
                {
                    return (name[typedPrefix.Length..], t);
                }

                if (IsSuffix && name.EndsWith(typedSuffix, StringComparison.Ordinal))
                {
                    return (name[..^typedSuffix.Length], t);
                }
            }

            // Old TXT records written before the template: the affix without the placeholder.
            prefix = prefix.Replace(RecordTypeTemplate, string.Empty, StringComparison.Ordinal);
            suffix = suffix.Replace(RecordTypeTemplate, string.Empty, StringComparison.Ordinal);
        }

        if (IsPrefix && name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return ExtractTypeFromDefaultPosition(name[prefix.Length..]);
        }

        if (IsSuffix && name.EndsWith(suffix, StringComparison.Ordinal))
        {
            return ExtractTypeFromDefaultPosition(name[..^suffix.Length]);
        }

        return (string.Empty, string.Empty);
    }

    private static (string DnsName, string RecordType) ExtractTypeFromDefaultPosition(string name)
    {
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        var head = dash < 0 ? name : name[..dash];
        foreach (var t in SupportedTypes)
        {
            if (string.Equals(head, t, StringComparison.OrdinalIgnoreCase))
            {
                return (dash < 0 ? name : name[(dash + 1)..], t);
            }
        }

        return (name, string.Empty);
    }
}

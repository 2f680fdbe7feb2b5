using System.Text;

namespace ExternalDns.Core.Endpoints;

/// <summary>
/// Metadata of an endpoint, stored by the TXT registry as
/// <c>"heritage=external-dns,external-dns/owner=…,external-dns/resource=…"</c> (keys sorted).
/// </summary>
public sealed class Labels : Dictionary<string, string>
{
    /// <summary>The heritage value that marks a TXT record as ExternalDNS's.</summary>
    public const string Heritage = "external-dns";

    /// <summary>Owner id of the record (<c>--txt-owner-id</c>).</summary>
    public const string OwnerKey = "owner";

    /// <summary>The Kubernetes resource that wants the name, <c>kind/namespace/name</c>.</summary>
    public const string ResourceKey = "resource";

    /// <summary>On TXT ownership records: the record they own.</summary>
    public const string OwnedRecordKey = "ownedRecord";

    /// <summary>Set by the TXT registry on an owned record that lacks its new-format TXT: forces an update that writes it.</summary>
    public const string ForceUpdateKey = "txt/force-update";

    /// <summary>The AES-GCM nonce of an encrypted TXT value, kept so the value does not churn.</summary>
    public const string TxtEncryptionNonceKey = "txt-encryption-nonce";

    public Labels()
        : base(StringComparer.Ordinal)
    {
    }

    public Labels(int capacity)
        : base(capacity, StringComparer.Ordinal)
    {
    }

    public Labels(IEnumerable<KeyValuePair<string, string>> labels)
        : base(labels, StringComparer.Ordinal)
    {
    }

    /// <summary>
    /// A copy, sized up front and filled through the dictionary's struct enumerator: the generic enumerable constructor
    /// takes its slow path for a subclass (an interface enumerator and growth per copy), and every reconcile copies the
    /// labels of every desired endpoint.
    /// </summary>
    public Labels(Labels labels)
        : base(labels?.Count ?? 0, StringComparer.Ordinal)
    {
        ArgumentNullException.ThrowIfNull(labels);
        foreach (var (key, value) in labels)
        {
            Add(key, value);
        }
    }

    /// <summary>Set once an endpoint took this instance over (see <see cref="Endpoint.AdoptLabels"/>): it must not be shared.</summary>
    internal bool Adopted { get; set; }

    public string? Owner => TryGetValue(OwnerKey, out var v) ? v : null;

    public string? Resource => TryGetValue(ResourceKey, out var v) ? v : null;

    /// <summary>
    /// Serialises as upstream's <c>SerializePlain</c>: heritage first, then every label but the nonce as
    /// <c>external-dns/key=value</c> in ordinal key order, comma-separated; optionally in double quotes.
    /// </summary>
    public string SerializePlain(bool withQuotes)
    {
        var sb = new StringBuilder(96);
        if (withQuotes)
        {
            sb.Append('"');
        }

        sb.Append("heritage=").Append(Heritage);
        foreach (var key in Keys.Order(StringComparer.Ordinal))
        {
            if (key == TxtEncryptionNonceKey)
            {
                continue;
            }

            sb.Append(',').Append(Heritage).Append('/').Append(key).Append('=').Append(this[key]);
        }

        if (withQuotes)
        {
            sb.Append('"');
        }

        return sb.ToString();
    }

    /// <summary>
    /// Parses a plain TXT value as upstream's <c>NewLabelsFromStringPlain</c>. Returns null when the text does not
    /// carry <c>heritage=external-dns</c> (the TXT is then an ordinary record, not an ownership record).
    /// </summary>
    /// <param name="text">The TXT value, with or without its quotes.</param>
    /// <param name="knownValue">A value expected in many records (this instance's owner id): returned as the same string instance instead of a copy.</param>
    public static Labels? ParsePlain(string text, string? knownValue = null)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Hot path of every TXT registry read (one call per ownership record): parse over spans, allocate only values.
        Labels? labels = null;
        var found = false;
        for (var pairs = new PairReader(text); pairs.Next(out var key, out var value);)
        {
            if (key.SequenceEqual("heritage"))
            {
                if (!value.SequenceEqual(Heritage))
                {
                    return null;
                }

                found = true;
                continue;
            }

            if (key.StartsWith(Heritage))
            {
                var stripped = key.StartsWith(Heritage + "/") ? key[(Heritage.Length + 1)..] : key;
                (labels ??= new Labels(3))[KeyString(stripped)] = knownValue is not null && value.SequenceEqual(knownValue) ? knownValue : value.ToString();
            }
        }

        return found ? labels ?? [] : null;
    }

    /// <summary>
    /// The TXT registry's fast path of <see cref="ParsePlain"/>: parses a plain TXT value that carries at most the owner
    /// and resource labels without building a dictionary. Returns false when the value carries any other label (the
    /// caller then uses <see cref="ParsePlain"/>); otherwise <paramref name="isOwnership"/> says whether it carries
    /// <c>heritage=external-dns</c>, with the same rules (last value of a repeated key wins).
    /// </summary>
    internal static bool TryParseOwnerAndResource(string text, string? knownValue, out bool isOwnership, out string? owner, out string? resource)
    {
        ArgumentNullException.ThrowIfNull(text);
        isOwnership = false;
        owner = null;
        resource = null;
        var found = false;
        for (var pairs = new PairReader(text); pairs.Next(out var key, out var value);)
        {
            if (key.SequenceEqual("heritage"))
            {
                if (!value.SequenceEqual(Heritage))
                {
                    owner = null;
                    resource = null;
                    return true;
                }

                found = true;
                continue;
            }

            if (key.StartsWith(Heritage))
            {
                var stripped = key.StartsWith(Heritage + "/") ? key[(Heritage.Length + 1)..] : key;
                if (stripped.SequenceEqual(OwnerKey))
                {
                    owner = knownValue is not null && value.SequenceEqual(knownValue) ? knownValue : value.ToString();
                }
                else if (stripped.SequenceEqual(ResourceKey))
                {
                    resource = value.ToString();
                }
                else
                {
                    owner = null;
                    resource = null;
                    return false;
                }
            }
        }

        isOwnership = found;
        if (!found)
        {
            owner = null;
            resource = null;
        }

        return true;
    }

    /// <summary>The <c>key=value</c> pairs of a plain TXT value (quotes trimmed, comma separated; tokens without '=' skipped).</summary>
    private ref struct PairReader(string text)
    {
        private ReadOnlySpan<char> _rest = text.AsSpan().Trim('"');

        public bool Next(out ReadOnlySpan<char> key, out ReadOnlySpan<char> value)
        {
            while (_rest.Length > 0)
            {
                var comma = _rest.IndexOf(',');
                var token = comma < 0 ? _rest : _rest[..comma];
                _rest = comma < 0 ? [] : _rest[(comma + 1)..];
                var eq = token.IndexOf('=');
                if (eq >= 0)
                {
                    key = token[..eq];
                    value = token[(eq + 1)..];
                    return true;
                }
            }

            key = value = default;
            return false;
        }
    }

    private static string KeyString(ReadOnlySpan<char> key) => key switch
    {
        OwnerKey => OwnerKey,
        ResourceKey => ResourceKey,
        OwnedRecordKey => OwnedRecordKey,
        _ => key.ToString(),
    };
}

using System.Text;

namespace ExternalDns.Core.Endpoints;

/// <summary>
/// Metadata of an endpoint, stored by the TXT registry as
/// <c>"heritage=external-dns,external-dns/owner=…,external-dns/resource=…"</c> (keys sorted).
/// </summary>
/// <remarks>
/// A string map with ordinal keys, enumerated in insertion order. Nearly every instance holds one to three labels
/// (resource, owner, ownedRecord) and there is one per endpoint (every desired endpoint the mapping memo keeps, every
/// copy a reconcile makes, every record a registry read builds), so up to <see cref="SmallLimit"/> labels live in one
/// array of key/value pairs searched linearly (about 80 bytes for one label, against about 220 for a dictionary);
/// beyond that a dictionary takes over, so a record with many labels (a foreign TXT value can carry any number) stays
/// O(1) per look-up.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Upstream's name for endpoint labels; the type is used across the code base.")]
public sealed class Labels : IDictionary<string, string>, IReadOnlyDictionary<string, string>, System.Collections.IDictionary
{
    /// <summary>The most labels kept in the pair array; one more moves them into a dictionary.</summary>
    internal const int SmallLimit = 8;

    private string[] _pairs = [];   // key0, value0, key1, value1, … (the first 2 * _count slots are used)
    private int _count;
    private Dictionary<string, string>? _map;
    private int _version;

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
    {
    }

    public Labels(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        if (capacity > SmallLimit)
        {
            _map = new Dictionary<string, string>(capacity, StringComparer.Ordinal);
        }
        else if (capacity > 0)
        {
            _pairs = new string[2 * capacity];
        }
    }

    /// <summary>A copy of the given pairs; a repeated key throws as <see cref="Add(string, string)"/> does.</summary>
    public Labels(IEnumerable<KeyValuePair<string, string>> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels is Labels other)
        {
            CopyFrom(other);
            return;
        }

        if (labels.TryGetNonEnumeratedCount(out var count) && count > 0)
        {
            EnsureCapacity(count);
        }

        foreach (var (key, value) in labels)
        {
            Add(key, value);
        }
    }

    /// <summary>A copy, sized exactly (every reconcile copies the labels of every desired endpoint).</summary>
    public Labels(Labels labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        CopyFrom(labels);
    }

    public int Count => _map?.Count ?? _count;

    bool ICollection<KeyValuePair<string, string>>.IsReadOnly => false;

    /// <summary>The keys, in enumeration order (a snapshot: changing the labels afterwards does not change it).</summary>
    public ICollection<string> Keys => _map is not null ? [.. _map.Keys] : Column(0);

    /// <summary>The values, in enumeration order (a snapshot).</summary>
    public ICollection<string> Values => _map is not null ? [.. _map.Values] : Column(1);

    IEnumerable<string> IReadOnlyDictionary<string, string>.Keys => Keys;

    IEnumerable<string> IReadOnlyDictionary<string, string>.Values => Values;

    public string this[string key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The given key '{key}' was not present in the labels.");
        set => Set(key, value, add: false);
    }

    public void Add(string key, string value) => Set(key, value, add: true);

    void ICollection<KeyValuePair<string, string>>.Add(KeyValuePair<string, string> item) => Add(item.Key, item.Value);

    /// <summary>Adds the label unless the key is there already (then returns false and changes nothing).</summary>
    public bool TryAdd(string key, string value)
    {
        if (ContainsKey(key))
        {
            return false;
        }

        Add(key, value);
        return true;
    }

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string value)
    {
        if (_map is not null)
        {
            return _map.TryGetValue(key, out value);
        }

        var i = IndexOf(key);
        if (i < 0)
        {
            value = null;
            return false;
        }

        value = _pairs[(2 * i) + 1];
        return true;
    }

    public bool Remove(string key) => Remove(key, out _);

    public bool Remove(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_map is not null)
        {
            if (_map.Remove(key, out value))
            {
                _version++;
                return true;
            }

            return false;
        }

        var i = IndexOf(key);
        if (i < 0)
        {
            value = null;
            return false;
        }

        value = _pairs[(2 * i) + 1];
        Array.Copy(_pairs, 2 * (i + 1), _pairs, 2 * i, 2 * (_count - i - 1));
        _count--;
        _pairs[2 * _count] = null!;
        _pairs[(2 * _count) + 1] = null!;
        _version++;
        return true;
    }

    public void Clear()
    {
        _map?.Clear();
        Array.Clear(_pairs, 0, 2 * _count);
        _count = 0;
        _version++;
    }

    bool ICollection<KeyValuePair<string, string>>.Contains(KeyValuePair<string, string> item) =>
        TryGetValue(item.Key, out var value) && value == item.Value;

    bool ICollection<KeyValuePair<string, string>>.Remove(KeyValuePair<string, string> item) =>
        ((ICollection<KeyValuePair<string, string>>)this).Contains(item) && Remove(item.Key);

    void ICollection<KeyValuePair<string, string>>.CopyTo(KeyValuePair<string, string>[] array, int arrayIndex)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentOutOfRangeException.ThrowIfNegative(arrayIndex);
        if (array.Length - arrayIndex < Count)
        {
            throw new ArgumentException("The array is too small for the labels.", nameof(array));
        }

        foreach (var pair in this)
        {
            array[arrayIndex++] = pair;
        }
    }

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<KeyValuePair<string, string>> IEnumerable<KeyValuePair<string, string>>.GetEnumerator() => GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    bool System.Collections.IDictionary.IsFixedSize => false;

    bool System.Collections.IDictionary.IsReadOnly => false;

    bool System.Collections.ICollection.IsSynchronized => false;

    object System.Collections.ICollection.SyncRoot => this;

    System.Collections.ICollection System.Collections.IDictionary.Keys => (System.Collections.ICollection)Keys;

    System.Collections.ICollection System.Collections.IDictionary.Values => (System.Collections.ICollection)Values;

    object? System.Collections.IDictionary.this[object key]
    {
        get => key is string k && TryGetValue(k, out var v) ? v : null;
        set => this[AsString(key, nameof(key))] = AsString(value, nameof(value));
    }

    void System.Collections.IDictionary.Add(object key, object? value) => Add(AsString(key, nameof(key)), AsString(value, nameof(value)));

    bool System.Collections.IDictionary.Contains(object key) => key is string k && ContainsKey(k);

    void System.Collections.IDictionary.Remove(object key)
    {
        if (key is string k)
        {
            Remove(k);
        }
    }

    System.Collections.IDictionaryEnumerator System.Collections.IDictionary.GetEnumerator() => new DictionaryEnumerator(GetEnumerator());

    void System.Collections.ICollection.CopyTo(Array array, int index)
    {
        ArgumentNullException.ThrowIfNull(array);
        foreach (var pair in this)
        {
            array.SetValue(pair, index++);
        }
    }

    private static string AsString(object? o, string name) =>
        o as string ?? throw new ArgumentException("Labels hold strings only.", name);

    private void CopyFrom(Labels labels)
    {
        if (labels._map is not null)
        {
            _map = new Dictionary<string, string>(labels._map, StringComparer.Ordinal);
            return;
        }

        if (labels._count > 0)
        {
            _pairs = new string[2 * labels._count];
            Array.Copy(labels._pairs, _pairs, 2 * labels._count);
            _count = labels._count;
        }
    }

    /// <summary>The keys (<paramref name="offset"/> 0) or values (1) of the pair array.</summary>
    private string[] Column(int offset)
    {
        var column = new string[_count];
        for (var i = 0; i < _count; i++)
        {
            column[i] = _pairs[(2 * i) + offset];
        }

        return column;
    }

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var pairs = _pairs;
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(pairs[2 * i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private void Set(string key, string value, bool add)
    {
        if (_map is not null)
        {
            if (add)
            {
                _map.Add(key, value);
                _version++;
            }
            else if (_map.TryAdd(key, value))
            {
                _version++;
            }
            else
            {
                _map[key] = value; // a new value for a key there already: enumerators go on, as a dictionary's do
            }

            return;
        }

        var i = IndexOf(key);
        if (i >= 0)
        {
            if (add)
            {
                throw new ArgumentException($"A label with the key '{key}' has already been added.", nameof(key));
            }

            _pairs[(2 * i) + 1] = value; // a new value for a key there already: enumerators go on, as a dictionary's do
            return;
        }

        EnsureCapacity(_count + 1);
        _version++;
        if (_map is not null)
        {
            // One label more than the pair array holds: they moved into a dictionary.
            _map.Add(key, value);
            return;
        }

        _pairs[2 * _count] = key;
        _pairs[(2 * _count) + 1] = value;
        _count++;
    }

    private void EnsureCapacity(int count)
    {
        if (_map is not null || 2 * count <= _pairs.Length)
        {
            return;
        }

        if (count > SmallLimit)
        {
            var map = new Dictionary<string, string>(Math.Max(count, SmallLimit * 2), StringComparer.Ordinal);
            for (var j = 0; j < _count; j++)
            {
                map.Add(_pairs[2 * j], _pairs[(2 * j) + 1]);
            }

            _map = map;
            _pairs = [];
            _count = 0;
            return;
        }

        // Exact for the first label (most endpoints carry one), then doubling up to the limit.
        var capacity = _pairs.Length == 0 ? count : Math.Min(SmallLimit, Math.Max(count, _pairs.Length));
        var pairs = new string[2 * capacity];
        Array.Copy(_pairs, pairs, 2 * _count);
        _pairs = pairs;
    }

    private sealed class DictionaryEnumerator(Enumerator inner) : System.Collections.IDictionaryEnumerator
    {
        private Enumerator _inner = inner;

        public System.Collections.DictionaryEntry Entry => new(_inner.Current.Key, _inner.Current.Value);

        public object Key => _inner.Current.Key;

        public object? Value => _inner.Current.Value;

        public object Current => Entry;

        public bool MoveNext() => _inner.MoveNext();

        public void Reset() => _inner.Reset();
    }

    /// <summary>
    /// Enumerates the labels in insertion order. Adding or removing a label while enumerating throws (unlike a
    /// dictionary, which allows a removal); giving a label there already a new value does not.
    /// </summary>
    public struct Enumerator : IEnumerator<KeyValuePair<string, string>>
    {
        private readonly Labels _labels;
        private readonly int _version;
        private Dictionary<string, string>.Enumerator _map;
        private int _index;

        internal Enumerator(Labels labels)
        {
            _labels = labels;
            _version = labels._version;
            _index = -1;
            if (labels._map is not null)
            {
                _map = labels._map.GetEnumerator();
            }
        }

        public KeyValuePair<string, string> Current { get; private set; }

        readonly object System.Collections.IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (_labels._version != _version)
            {
                throw new InvalidOperationException("The labels were changed while being enumerated.");
            }

            if (_labels._map is not null)
            {
                if (_map.MoveNext())
                {
                    Current = _map.Current;
                    return true;
                }

                return false;
            }

            if (_index + 1 < _labels._count)
            {
                _index++;
                Current = new KeyValuePair<string, string>(_labels._pairs[2 * _index], _labels._pairs[(2 * _index) + 1]);
                return true;
            }

            _index = _labels._count;
            return false;
        }

        public void Reset()
        {
            if (_labels._version != _version)
            {
                throw new InvalidOperationException("The labels were changed while being enumerated.");
            }

            _index = -1;
            if (_labels._map is not null)
            {
                ((IEnumerator<KeyValuePair<string, string>>)_map).Reset();
            }
        }

        public readonly void Dispose()
        {
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

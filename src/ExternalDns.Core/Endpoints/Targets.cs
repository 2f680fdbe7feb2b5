using System.Collections;
using System.Net;

namespace ExternalDns.Core.Endpoints;

/// <summary>
/// The targets of an endpoint: IP addresses or host names (or record data for TXT, SRV, MX).
/// Immutable. Comparison follows upstream: case-insensitive, IP addresses compared canonically
/// (so <c>2001:db8::1</c> equals <c>2001:0db8:0:0::1</c>), order does not matter.
/// </summary>
public sealed class Targets : IReadOnlyList<string>, IEquatable<Targets>
{
    private readonly string[] _values;
    private string[]? _canonicalSorted;

    public Targets(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = [.. values];
    }

    public Targets(params string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = (string[])values.Clone();
    }

    public static Targets Empty { get; } = new();

    public int Count => _values.Length;

    public string this[int index] => _values[index];

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _values.GetEnumerator();

    /// <summary>
    /// The targets sorted ordinally without repeats (as the sources emit them): this same instance when they already are,
    /// the common single target; a new instance otherwise.
    /// </summary>
    public Targets AsSortedSet()
    {
        for (var i = 1; i < _values.Length; i++)
        {
            if (string.CompareOrdinal(_values[i - 1], _values[i]) >= 0)
            {
                return new Targets(_values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
            }
        }

        return this;
    }

    /// <summary>Targets as upstream prints them: joined with ';'.</summary>
    public override string ToString() => string.Join(';', _values);

    /// <summary>True when both hold the same targets, ignoring order and case, comparing IPs canonically.</summary>
    public bool Same(Targets other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (Count != other.Count)
        {
            return false;
        }

        var a = CanonicalSorted();
        var b = other.CanonicalSorted();
        for (var i = 0; i < a.Length; i++)
        {
            if (!string.Equals(a[i], b[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Upstream's ordering used by conflict resolution: fewer targets first; then, comparing sorted targets,
    /// IP addresses before names, IPs numerically, names ordinally.
    /// </summary>
    public bool IsLess(Targets other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Count != other.Count)
        {
            return Count < other.Count;
        }

        var a = _values.Order(TargetComparer.Instance).ToArray();
        var b = other._values.Order(TargetComparer.Instance).ToArray();
        for (var i = 0; i < a.Length; i++)
        {
            var c = TargetComparer.Instance.Compare(a[i], b[i]);
            if (c != 0)
            {
                return c < 0;
            }
        }

        return false;
    }

    public bool Equals(Targets? other) => other is not null && Same(other);

    public override bool Equals(object? obj) => obj is Targets t && Equals(t);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var t in CanonicalSorted())
        {
            hash.Add(t, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>The canonical spelling of one target: an IP in its shortest form, anything else lower-case.</summary>
    public static string Canonical(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Length > 0 && (char.IsAsciiDigit(target[0]) || target.Contains(':', StringComparison.Ordinal))
            && IpAddresses.TryParse(target, out var ip))
        {
            return ip.ToString();
        }

        return target.ToLowerInvariant();
    }

    private string[] CanonicalSorted()
    {
        var cached = _canonicalSorted;
        if (cached is not null)
        {
            return cached;
        }

        // Kept for the life of the targets (the mapping memo keeps one per endpoint and comparisons fill it), so the
        // targets' own strings and array are reused where they are canonical and sorted already: the common single IP
        // or lower-case name costs nothing more.
        string[]? result = null;
        for (var i = 0; i < _values.Length; i++)
        {
            var canonical = Canonical(_values[i]);
            if (result is null && !string.Equals(canonical, _values[i], StringComparison.Ordinal))
            {
                result = new string[_values.Length];
                Array.Copy(_values, result, i);
            }

            if (result is not null)
            {
                result[i] = canonical;
            }
        }

        if (result is null)
        {
            if (IsSortedOrdinal(_values))
            {
                _canonicalSorted = _values;
                return _values;
            }

            result = (string[])_values.Clone();
        }

        Array.Sort(result, StringComparer.Ordinal);
        _canonicalSorted = result;
        return result;
    }

    private static bool IsSortedOrdinal(string[] values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            if (string.CompareOrdinal(values[i - 1], values[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Orders IPs before names, IPs by address bytes (IPv4 before IPv6), names ordinally.</summary>
    private sealed class TargetComparer : IComparer<string>
    {
        public static readonly TargetComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            if (x is null || y is null)
            {
                return string.CompareOrdinal(x, y);
            }

            var ipx = IpAddresses.TryParse(x, out var ax);
            var ipy = IpAddresses.TryParse(y, out var ay);
            if (ipx && ipy)
            {
                var bx = ax.GetAddressBytes();
                var by = ay.GetAddressBytes();
                if (bx.Length != by.Length)
                {
                    return bx.Length.CompareTo(by.Length);
                }

                return bx.AsSpan().SequenceCompareTo(by);
            }

            if (ipx != ipy)
            {
                return ipx ? -1 : 1;
            }

            return string.CompareOrdinal(x, y);
        }
    }
}

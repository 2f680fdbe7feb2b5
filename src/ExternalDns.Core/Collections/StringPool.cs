namespace ExternalDns.Core.Collections;

/// <summary>
/// A bounded intern table: hands out one instance per distinct short string so repeated values (annotation and
/// selector keys, namespaces, Service types, protocols, ingress classes, apiVersions) are stored once however many
/// cached objects hold them. Bounded twice, so a cluster with many distinct values cannot grow it without limit:
/// strings longer than <see cref="MaxLength"/> are never pooled, and once <see cref="MaxCount"/> strings are pooled,
/// new ones are returned as they are (the pooled ones stay shared). Not thread-safe: the caller locks.
/// </summary>
public sealed class StringPool
{
    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);

    public StringPool(int maxCount, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        MaxCount = maxCount;
        MaxLength = maxLength;
    }

    /// <summary>The most strings the pool holds.</summary>
    public int MaxCount { get; }

    /// <summary>The longest string the pool takes.</summary>
    public int MaxLength { get; }

    /// <summary>The strings pooled so far.</summary>
    public int Count => _pool.Count;

    /// <summary>The pooled instance equal to <paramref name="s"/>, pooling it when there is room; null stays null.</summary>
    public string? Share(string? s)
    {
        if (s is null || s.Length > MaxLength)
        {
            return s;
        }

        if (_pool.TryGetValue(s, out var shared))
        {
            return shared;
        }

        if (_pool.Count < MaxCount)
        {
            _pool.Add(s, s);
        }

        return s;
    }
}

namespace ExternalDns.Testing.Google;

/// <summary>
/// One Cloud DNS resource record set as the emulator stores it: absolute name (trailing dot), type, TTL and rrdatas
/// (Cloud DNS's presentation format: absolute host names end with a dot, TXT strings are quoted).
/// </summary>
public sealed record CloudDnsRecordSet(string Name, string Type, int Ttl, IReadOnlyList<string> Rrdatas)
{
    public CloudDnsRecordSet(string name, string type, int ttl, params string[] rrdatas)
        : this(name, type, ttl, (IReadOnlyList<string>)rrdatas)
    {
    }

    /// <summary>The key Cloud DNS identifies a record set by: lower-case name and type.</summary>
    public (string Name, string Type) Key => (Name.ToLowerInvariant(), Type);

    /// <summary>True when <paramref name="other"/> has the same name, type, TTL and rrdatas (order does not matter).</summary>
    public bool SameAs(CloudDnsRecordSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Key == other.Key && Ttl == other.Ttl && Rrdatas.Count == other.Rrdatas.Count
            && Rrdatas.Order(StringComparer.Ordinal).SequenceEqual(other.Rrdatas.Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    public override string ToString() => $"{Name} {Ttl} {Type} {string.Join(' ', Rrdatas)}";
}

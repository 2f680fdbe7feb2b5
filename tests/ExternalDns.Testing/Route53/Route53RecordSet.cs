namespace ExternalDns.Testing.Route53;

/// <summary>
/// A resource record set as Route53 holds it: the name is stored in lower case, fully qualified (trailing dot), with
/// <c>*</c> and other special characters as <c>\ooo</c> octal escapes. Exactly one of <see cref="Values"/> (with a
/// TTL) or <see cref="AliasTarget"/>; a routing policy (weight, region, failover, geolocation, geoproximity,
/// multivalue) exactly when <see cref="SetIdentifier"/> is set.
/// </summary>
public sealed record Route53RecordSet
{
    public required string Name { get; init; }

    public required string Type { get; init; }

    public long? Ttl { get; init; }

    public IReadOnlyList<string> Values { get; init; } = [];

    public Route53AliasTarget? AliasTarget { get; init; }

    public string? SetIdentifier { get; init; }

    public long? Weight { get; init; }

    public string? Region { get; init; }

    public string? Failover { get; init; }

    public Route53GeoLocation? GeoLocation { get; init; }

    public Route53GeoProximity? GeoProximity { get; init; }

    public bool? MultiValueAnswer { get; init; }

    public string? HealthCheckId { get; init; }

    /// <summary>The (name, type, set identifier) identity of the record set.</summary>
    public string Key => $"{Name}|{Type}|{SetIdentifier}";

    /// <summary>True when everything except the identity matches (what a DELETE must provide).</summary>
    public bool SameContent(Route53RecordSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Ttl == other.Ttl
            && Values.Order(StringComparer.Ordinal).SequenceEqual(other.Values.Order(StringComparer.Ordinal), StringComparer.Ordinal)
            && Equals(AliasTarget, other.AliasTarget)
            && Weight == other.Weight
            && Region == other.Region
            && Failover == other.Failover
            && Equals(GeoLocation, other.GeoLocation)
            && Equals(GeoProximity, other.GeoProximity)
            && (MultiValueAnswer ?? false) == (other.MultiValueAnswer ?? false)
            && HealthCheckId == other.HealthCheckId;
    }

    public override string ToString()
    {
        var set = SetIdentifier is null ? string.Empty : $" [{SetIdentifier}]";
        var data = AliasTarget is null ? string.Join(' ', Values) : $"ALIAS {AliasTarget.HostedZoneId} {AliasTarget.DnsName}";
        return $"{Name} {Ttl} {Type}{set} {data}";
    }
}

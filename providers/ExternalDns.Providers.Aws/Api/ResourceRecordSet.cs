namespace ExternalDns.Providers.Aws.Api;

/// <summary>A Route53 resource record set: values with a TTL, or an alias target; optionally a routing policy with a set identifier.</summary>
public sealed record ResourceRecordSet
{
    public required string Name { get; init; }

    public required string Type { get; init; }

    public long? Ttl { get; init; }

    public IReadOnlyList<string> Values { get; init; } = [];

    public AliasTarget? AliasTarget { get; init; }

    public string? SetIdentifier { get; init; }

    public long? Weight { get; init; }

    public string? Region { get; init; }

    public string? Failover { get; init; }

    public GeoLocation? GeoLocation { get; init; }

    public GeoProximityLocation? GeoProximityLocation { get; init; }

    public bool? MultiValueAnswer { get; init; }

    public string? HealthCheckId { get; init; }
}

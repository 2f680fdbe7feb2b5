namespace ExternalDns.Providers.Aws;

/// <summary>The options of the Route53 provider, one per upstream flag (validated once, by <see cref="AwsModule"/>).</summary>
public sealed record AwsProviderOptions
{
    /// <summary>Upstream's default TTL for records without one, and the TTL of alias records.</summary>
    public const long DefaultTtl = 300;

    /// <summary>ListResourceRecordSets page size (the service's maximum).</summary>
    public const int RecordSetPageSize = 300;

    /// <summary><c>--zone-id-filter</c>: zone ids (a suffix match, as upstream); empty = all.</summary>
    public IReadOnlyList<string> ZoneIdFilter { get; init; } = [];

    /// <summary><c>--aws-zone-type</c>.</summary>
    public AwsZoneType ZoneType { get; init; } = AwsZoneType.Any;

    /// <summary><c>--aws-zone-tags</c>: <c>key=value</c> or <c>key</c>; a zone must carry all.</summary>
    public IReadOnlyDictionary<string, string> ZoneTags { get; init; } = new Dictionary<string, string>();

    /// <summary><c>--aws-zone-match-parent</c>: a zone also matches when a domain filter entry lies below it.</summary>
    public bool ZoneMatchParent { get; init; }

    /// <summary><c>--aws-profile</c>: one client per profile (an empty list = the default chain).</summary>
    public IReadOnlyList<string> Profiles { get; init; } = [];

    /// <summary><c>--aws-assume-role</c>.</summary>
    public string AssumeRole { get; init; } = string.Empty;

    /// <summary><c>--aws-assume-role-external-id</c> (never logged).</summary>
    public string AssumeRoleExternalId { get; init; } = string.Empty;

    public int BatchChangeSize { get; init; } = 1000;

    public int BatchChangeSizeBytes { get; init; } = 32000;

    public int BatchChangeSizeValues { get; init; } = 1000;

    public TimeSpan BatchChangeInterval { get; init; } = TimeSpan.FromSeconds(1);

    public bool EvaluateTargetHealth { get; init; } = true;

    public int ApiRetries { get; init; } = 3;

    public bool PreferCname { get; init; }

    /// <summary><c>--prefer-alias</c>: CNAMEs without an <c>alias</c> property get <c>alias=true</c> (not with <see cref="PreferCname"/>).</summary>
    public bool PreferAlias { get; init; }

    public TimeSpan ZonesCacheDuration { get; init; } = TimeSpan.Zero;

    /// <summary>The Route53 endpoint (<c>AWS_ENDPOINT_URL_ROUTE_53</c>, else <c>AWS_ENDPOINT_URL</c>); null = the partition's.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary><c>AWS_REGION</c> (else <c>AWS_DEFAULT_REGION</c>): selects the partition (aws, aws-cn, aws-us-gov).</summary>
    public string? Region { get; init; }

    /// <summary><c>--tls-ca</c>: a PEM CA bundle to trust for the Route53 endpoint (a proxy, a VPC endpoint with a private CA); null = system trust.</summary>
    public string? CaFile { get; init; }

    /// <summary><c>--tls-client-cert</c> and <c>--tls-client-cert-key</c>: a client certificate (PEM) for mutual TLS to the endpoint.</summary>
    public string? ClientCertFile { get; init; }

    public string? ClientKeyFile { get; init; }

    /// <summary>First retry delay (doubled per retry, plus up to 100 % jitter).</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);
}

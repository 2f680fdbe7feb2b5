namespace ExternalDns.Providers.Aws.Api;

/// <summary>Where and how the Route53 client sends its requests.</summary>
public sealed class Route53ClientOptions
{
    public const string DefaultEndpoint = "https://route53.amazonaws.com/";

    /// <summary>The service endpoint (<c>AWS_ENDPOINT_URL_ROUTE_53</c>, else <c>AWS_ENDPOINT_URL</c>, else the partition's).</summary>
    public Uri Endpoint { get; init; } = new(DefaultEndpoint);

    /// <summary>The SigV4 signing region: Route53 is global and signs in us-east-1 (cn-northwest-1, us-gov-west-1 in those partitions).</summary>
    public string SigningRegion { get; init; } = "us-east-1";

    /// <summary>Retries after the first attempt for throttling, PriorRequestNotComplete, 5xx and network failures (<c>--aws-api-retries</c>).</summary>
    public int MaxRetries { get; init; } = 3;

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>PEM files for TLS to the endpoint (<c>--tls-ca</c>, <c>--tls-client-cert</c>, <c>--tls-client-cert-key</c>); null = defaults.</summary>
    public string? CaFile { get; init; }

    public string? ClientCertFile { get; init; }

    public string? ClientKeyFile { get; init; }

    /// <summary>Per attempt; exceeding it counts as a transient failure.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}

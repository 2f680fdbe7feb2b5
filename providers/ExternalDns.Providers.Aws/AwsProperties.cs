namespace ExternalDns.Providers.Aws;

/// <summary>The provider-specific properties this provider reads and writes (from the <c>aws-*</c> annotations).</summary>
public static class AwsProperties
{
    /// <summary>Upstream's <c>alias</c> property: true (A and AAAA alias), A, AAAA, false.</summary>
    public const string Alias = "alias";
    public const string Prefix = "aws/";
    public const string TargetHostedZone = "aws/target-hosted-zone";
    public const string HostedZoneId = "aws/hosted-zone-id";
    public const string EvaluateTargetHealth = "aws/evaluate-target-health";
    public const string Weight = "aws/weight";
    public const string Region = "aws/region";
    public const string Failover = "aws/failover";
    public const string GeolocationContinentCode = "aws/geolocation-continent-code";
    public const string GeolocationCountryCode = "aws/geolocation-country-code";
    public const string GeolocationSubdivisionCode = "aws/geolocation-subdivision-code";
    public const string GeoProximityRegion = "aws/geoproximity-region";
    public const string GeoProximityBias = "aws/geoproximity-bias";
    public const string GeoProximityCoordinates = "aws/geoproximity-coordinates";
    public const string GeoProximityLocalZoneGroup = "aws/geoproximity-local-zone-group";
    public const string MultiValueAnswer = "aws/multi-value-answer";
    public const string HealthCheckId = "aws/health-check-id";

    /// <summary>The properties that select a routing policy: a change between policies is a delete and a create.</summary>
    internal static readonly string[] RoutingPolicies =
    [
        Weight, Region, Failover, GeolocationContinentCode, GeolocationCountryCode, GeolocationSubdivisionCode,
        GeoProximityRegion, GeoProximityLocalZoneGroup, GeoProximityCoordinates, MultiValueAnswer,
    ];
}

namespace ExternalDns.Providers.Aws.Api;

/// <summary>Geoproximity routing: an AWS region, a local zone group or coordinates (as strings, as the API has them), and a bias.</summary>
public sealed record GeoProximityLocation(string? AwsRegion, string? LocalZoneGroup, string? Latitude, string? Longitude, int? Bias);

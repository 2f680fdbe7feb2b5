namespace ExternalDns.Testing.Route53;

/// <summary>The <c>GeoProximityLocation</c> of a geoproximity record set (coordinates as the API sends them: strings).</summary>
public sealed record Route53GeoProximity(string? AwsRegion, string? LocalZoneGroup, string? Latitude, string? Longitude, int? Bias);

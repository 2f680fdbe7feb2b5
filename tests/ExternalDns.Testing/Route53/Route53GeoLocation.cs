namespace ExternalDns.Testing.Route53;

/// <summary>The <c>GeoLocation</c> of a geolocation record set.</summary>
public sealed record Route53GeoLocation(string? ContinentCode, string? CountryCode, string? SubdivisionCode);

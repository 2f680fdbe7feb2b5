namespace ExternalDns.Providers.Aws.Api;

/// <summary>Geolocation routing: a continent, or a country with an optional subdivision.</summary>
public sealed record GeoLocation(string? ContinentCode, string? CountryCode, string? SubdivisionCode);

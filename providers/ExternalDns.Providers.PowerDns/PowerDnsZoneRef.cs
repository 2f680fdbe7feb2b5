using ExternalDns.Providers.PowerDns.Api;

namespace ExternalDns.Providers.PowerDns;

/// <summary>A zone on the server and whether the domain filter lets ExternalDns manage it.</summary>
/// <param name="Zone">The zone as listed (id and name).</param>
/// <param name="Managed">True when the zone name matches the provider's domain filter.</param>
public sealed record PowerDnsZoneRef(PowerDnsZone Zone, bool Managed);

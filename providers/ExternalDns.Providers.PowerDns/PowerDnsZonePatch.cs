using ExternalDns.Providers.PowerDns.Api;

namespace ExternalDns.Providers.PowerDns;

/// <summary>The rrset changes for one zone: one PATCH request.</summary>
/// <param name="Zone">The zone to patch.</param>
/// <param name="Patch">Its rrsets: DELETEs first, then REPLACEs, each ordered by name and type.</param>
public sealed record PowerDnsZonePatch(PowerDnsZone Zone, PowerDnsPatch Patch);

namespace ExternalDns.Providers.Aws.Api;

/// <summary>One page of ListHostedZones; <see cref="NextMarker"/> is null on the last page.</summary>
public sealed record HostedZonePage(IReadOnlyList<HostedZone> Zones, string? NextMarker);

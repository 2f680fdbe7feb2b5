namespace ExternalDns.Testing.Google;

/// <summary>What a managed zone is, beyond its visibility: an ordinary zone holds records; a peering zone
/// (<c>peeringConfig</c>) and a forwarding zone (<c>forwardingConfig</c>) resolve elsewhere.</summary>
public enum CloudDnsZoneKind
{
    Normal,
    Peering,
    Forwarding,
}

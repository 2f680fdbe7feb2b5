namespace ExternalDns.Dns.Records;

/// <summary>DNS CLASS values. NONE and ANY carry the RFC 2136 meanings in UPDATE messages.</summary>
public enum DnsClass : ushort
{
    IN = 1,
    CH = 3,
    HS = 4,
    NONE = 254,
    ANY = 255,
}

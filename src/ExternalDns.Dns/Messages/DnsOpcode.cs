namespace ExternalDns.Dns.Messages;

/// <summary>The 4-bit OPCODE of a DNS header.</summary>
public enum DnsOpcode : byte
{
    Query = 0,
    IQuery = 1,
    Status = 2,
    Notify = 4,
    Update = 5,
}

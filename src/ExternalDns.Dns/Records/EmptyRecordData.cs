using ExternalDns.Dns.Wire;

namespace ExternalDns.Dns.Records;

/// <summary>Zero-length RDATA: RFC 2136 "delete an RRset" and prerequisites use it.</summary>
public sealed class EmptyRecordData : DnsRecordData
{
    public static EmptyRecordData Instance { get; } = new();

    private EmptyRecordData()
    {
    }

    public override void WriteTo(DnsWireWriter writer)
    {
    }

    public override string ToString() => string.Empty;
}

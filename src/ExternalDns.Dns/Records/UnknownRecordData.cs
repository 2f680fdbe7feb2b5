using ExternalDns.Dns.Wire;

namespace ExternalDns.Dns.Records;

/// <summary>RDATA of a type this library does not interpret, kept as raw bytes (RFC 3597).</summary>
public sealed class UnknownRecordData : DnsRecordData
{
    public UnknownRecordData(byte[] data)
    {
        Data = data ?? throw new ArgumentNullException(nameof(data));
    }

    public byte[] Data { get; }

    public override void WriteTo(DnsWireWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteBytes(Data);
    }

    public override string ToString() => $"\\# {Data.Length} {Convert.ToHexString(Data)}";
}

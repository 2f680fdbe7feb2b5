using ExternalDns.Dns.Wire;

namespace ExternalDns.Dns.Records;

/// <summary>RDATA of a TSIG meta-record (RFC 8945 4.2). The algorithm name is never compressed.</summary>
public sealed class TsigRecordData : DnsRecordData
{
    public TsigRecordData(string algorithm, long timeSigned, ushort fudge, byte[] mac, ushort originalId, ushort error, byte[] otherData)
    {
        Algorithm = algorithm ?? throw new ArgumentNullException(nameof(algorithm));
        TimeSigned = timeSigned;
        Fudge = fudge;
        Mac = mac ?? throw new ArgumentNullException(nameof(mac));
        OriginalId = originalId;
        Error = error;
        OtherData = otherData ?? throw new ArgumentNullException(nameof(otherData));
    }

    public string Algorithm { get; }

    /// <summary>Seconds since the Unix epoch (48 bits on the wire).</summary>
    public long TimeSigned { get; }

    public ushort Fudge { get; }

    public byte[] Mac { get; }

    public ushort OriginalId { get; }

    /// <summary>The extended RCODE (BADSIG 16, BADKEY 17, BADTIME 18, ...).</summary>
    public ushort Error { get; }

    public byte[] OtherData { get; }

    public override void WriteTo(DnsWireWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteName(Algorithm, compress: false);
        writer.WriteUInt48(TimeSigned);
        writer.WriteUInt16(Fudge);
        writer.WriteUInt16((ushort)Mac.Length);
        writer.WriteBytes(Mac);
        writer.WriteUInt16(OriginalId);
        writer.WriteUInt16(Error);
        writer.WriteUInt16((ushort)OtherData.Length);
        writer.WriteBytes(OtherData);
    }

    public override string ToString() => $"{Algorithm}. {TimeSigned} {Fudge} {Mac.Length} {Convert.ToBase64String(Mac)} {OriginalId} {Error} {OtherData.Length}";

    internal static TsigRecordData ReadBody(DnsWireReader reader)
    {
        var algorithm = reader.ReadName();
        var time = reader.ReadUInt48();
        var fudge = reader.ReadUInt16();
        var mac = reader.ReadBytes(reader.ReadUInt16());
        var originalId = reader.ReadUInt16();
        var error = reader.ReadUInt16();
        var other = reader.ReadBytes(reader.ReadUInt16());
        return new TsigRecordData(algorithm, time, fudge, mac, originalId, error, other);
    }
}

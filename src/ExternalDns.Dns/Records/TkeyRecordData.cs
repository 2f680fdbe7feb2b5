using ExternalDns.Dns.Wire;

namespace ExternalDns.Dns.Records;

/// <summary>RDATA of a TKEY meta-record (RFC 2930 2): key establishment, here GSS-API negotiation (mode 3, RFC 3645).</summary>
public sealed class TkeyRecordData : DnsRecordData
{
    /// <summary>RFC 2930 mode 3: GSS-API negotiation.</summary>
    public const ushort ModeGssApi = 3;

    /// <summary>RFC 2930 mode 5: key deletion.</summary>
    public const ushort ModeDelete = 5;

    public TkeyRecordData(string algorithm, uint inception, uint expiration, ushort mode, ushort error, byte[] key, byte[] otherData)
    {
        Algorithm = algorithm ?? throw new ArgumentNullException(nameof(algorithm));
        Inception = inception;
        Expiration = expiration;
        Mode = mode;
        Error = error;
        Key = key ?? throw new ArgumentNullException(nameof(key));
        OtherData = otherData ?? throw new ArgumentNullException(nameof(otherData));
    }

    public string Algorithm { get; }

    /// <summary>Seconds since the Unix epoch (32 bits, serial-number arithmetic).</summary>
    public uint Inception { get; }

    public uint Expiration { get; }

    public ushort Mode { get; }

    /// <summary>The extended RCODE (BADKEY 17, BADMODE 19, BADNAME 20, BADALG 21, ...).</summary>
    public ushort Error { get; }

    /// <summary>Key exchange data: for GSS-API, the context token.</summary>
    public byte[] Key { get; }

    public byte[] OtherData { get; }

    public override void WriteTo(DnsWireWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteName(Algorithm, compress: false);
        writer.WriteUInt32(Inception);
        writer.WriteUInt32(Expiration);
        writer.WriteUInt16(Mode);
        writer.WriteUInt16(Error);
        writer.WriteUInt16((ushort)Key.Length);
        writer.WriteBytes(Key);
        writer.WriteUInt16((ushort)OtherData.Length);
        writer.WriteBytes(OtherData);
    }

    public override string ToString() => $"{Algorithm}. {Inception} {Expiration} {Mode} {Error} {Key.Length} {OtherData.Length}";

    internal static TkeyRecordData ReadBody(DnsWireReader reader)
    {
        var algorithm = reader.ReadName();
        var inception = reader.ReadUInt32();
        var expiration = reader.ReadUInt32();
        var mode = reader.ReadUInt16();
        var error = reader.ReadUInt16();
        var key = reader.ReadBytes(reader.ReadUInt16());
        var other = reader.ReadBytes(reader.ReadUInt16());
        return new TkeyRecordData(algorithm, inception, expiration, mode, error, key, other);
    }
}

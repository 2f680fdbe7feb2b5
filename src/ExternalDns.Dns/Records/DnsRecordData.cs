using ExternalDns.Dns.Wire;

namespace ExternalDns.Dns.Records;

/// <summary>The RDATA of a resource record. Each type knows how to write itself; <see cref="Read"/> decodes any type.</summary>
public abstract class DnsRecordData
{
    /// <summary>Writes the RDATA (without RDLENGTH).</summary>
    public abstract void WriteTo(DnsWireWriter writer);

    /// <summary>Decodes <paramref name="length"/> bytes of RDATA of type <paramref name="type"/> at the reader's position.</summary>
    public static DnsRecordData Read(DnsWireReader reader, DnsRecordType type, int length)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (length > reader.Remaining)
        {
            throw new DnsFormatException($"RDLENGTH {length} runs past the end of the message.");
        }

        if (length == 0)
        {
            return EmptyRecordData.Instance;
        }

        var outerLimit = reader.Limit;
        var end = reader.Position + length;
        reader.Limit = end;
        DnsRecordData data = type switch
        {
            DnsRecordType.A => AddressRecordData.ReadA(reader),
            DnsRecordType.AAAA => AddressRecordData.ReadAaaa(reader),
            DnsRecordType.CNAME or DnsRecordType.NS or DnsRecordType.PTR => new NameRecordData(reader.ReadName()),
            DnsRecordType.DNAME => new NameRecordData(reader.ReadName(), compressible: false),
            DnsRecordType.TXT => TxtRecordData.ReadBody(reader),
            DnsRecordType.SOA => SoaRecordData.ReadBody(reader),
            DnsRecordType.MX => new MxRecordData(reader.ReadUInt16(), reader.ReadName()),
            DnsRecordType.SRV => new SrvRecordData(reader.ReadUInt16(), reader.ReadUInt16(), reader.ReadUInt16(), reader.ReadName()),
            DnsRecordType.TSIG => TsigRecordData.ReadBody(reader),
            DnsRecordType.TKEY => TkeyRecordData.ReadBody(reader),
            _ => new UnknownRecordData(reader.ReadBytes(length)),
        };

        if (reader.Position != end)
        {
            throw new DnsFormatException($"RDATA of type {type} has {end - reader.Position} unexpected trailing bytes.");
        }

        reader.Limit = outerLimit;
        return data;
    }
}

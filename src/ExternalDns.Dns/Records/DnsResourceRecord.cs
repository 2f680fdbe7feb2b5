using ExternalDns.Dns.Wire;

namespace ExternalDns.Dns.Records;

/// <summary>A resource record: owner name (presentation form, no trailing dot), type, class, TTL and data.</summary>
public sealed class DnsResourceRecord
{
    public DnsResourceRecord(string name, DnsRecordType type, DnsClass recordClass, uint ttl, DnsRecordData data)
    {
        ArgumentNullException.ThrowIfNull(name);
        DnsNameText.ParseLabels(name); // validates
        Name = name.EndsWith('.') && !name.EndsWith("\\.", StringComparison.Ordinal) ? name[..^1] : name;
        Type = type;
        Class = recordClass;
        Ttl = ttl;
        Data = data ?? throw new ArgumentNullException(nameof(data));
    }

    public string Name { get; }

    public DnsRecordType Type { get; }

    public DnsClass Class { get; }

    public uint Ttl { get; }

    public DnsRecordData Data { get; }

    /// <summary>Writes the record; the owner name is compressed except for TSIG (RFC 8945).</summary>
    public void WriteTo(DnsWireWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteName(Name, compress: Type != DnsRecordType.TSIG);
        writer.WriteUInt16((ushort)Type);
        writer.WriteUInt16((ushort)Class);
        writer.WriteUInt32(Ttl);
        var lengthOffset = writer.Length;
        writer.WriteUInt16(0);
        Data.WriteTo(writer);
        var length = writer.Length - lengthOffset - 2;
        if (length > ushort.MaxValue)
        {
            throw new InvalidOperationException($"The data of record {Name} {Type} is longer than 65535 bytes.");
        }

        writer.SetUInt16(lengthOffset, (ushort)length);
    }

    public static DnsResourceRecord Read(DnsWireReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var name = reader.ReadName();
        var type = (DnsRecordType)reader.ReadUInt16();
        var recordClass = (DnsClass)reader.ReadUInt16();
        var ttl = reader.ReadUInt32();
        var length = reader.ReadUInt16();
        var data = DnsRecordData.Read(reader, type, length);
        return new DnsResourceRecord(name, type, recordClass, ttl, data);
    }

    public override string ToString()
    {
        var typeName = Enum.IsDefined(Type) ? Type.ToString() : $"TYPE{(ushort)Type}";
        var className = Enum.IsDefined(Class) ? Class.ToString() : $"CLASS{(ushort)Class}";
        return $"{Name}. {Ttl} {className} {typeName} {Data}";
    }
}

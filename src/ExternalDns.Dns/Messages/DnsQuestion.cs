using ExternalDns.Dns.Records;
using ExternalDns.Dns.Wire;

namespace ExternalDns.Dns.Messages;

/// <summary>A question (in UPDATE messages: the zone section entry).</summary>
public sealed class DnsQuestion
{
    public DnsQuestion(string name, DnsRecordType type, DnsClass questionClass = DnsClass.IN)
    {
        ArgumentNullException.ThrowIfNull(name);
        DnsNameText.ParseLabels(name);
        Name = name.EndsWith('.') && !name.EndsWith("\\.", StringComparison.Ordinal) ? name[..^1] : name;
        Type = type;
        Class = questionClass;
    }

    public string Name { get; }

    public DnsRecordType Type { get; }

    public DnsClass Class { get; }

    public void WriteTo(DnsWireWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteName(Name, compress: true);
        writer.WriteUInt16((ushort)Type);
        writer.WriteUInt16((ushort)Class);
    }

    public static DnsQuestion Read(DnsWireReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var name = reader.ReadName();
        var type = (DnsRecordType)reader.ReadUInt16();
        var questionClass = (DnsClass)reader.ReadUInt16();
        return new DnsQuestion(name, type, questionClass);
    }

    public override string ToString() => $"{Name}. {Class} {Type}";
}

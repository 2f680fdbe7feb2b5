using ExternalDns.Dns.Wire;

namespace ExternalDns.Dns.Records;

/// <summary>RDATA of an SOA record.</summary>
public sealed class SoaRecordData : DnsRecordData
{
    public SoaRecordData(string primaryServer, string responsibleMailbox, uint serial, uint refresh, uint retry, uint expire, uint minimum)
    {
        PrimaryServer = primaryServer ?? throw new ArgumentNullException(nameof(primaryServer));
        ResponsibleMailbox = responsibleMailbox ?? throw new ArgumentNullException(nameof(responsibleMailbox));
        Serial = serial;
        Refresh = refresh;
        Retry = retry;
        Expire = expire;
        Minimum = minimum;
    }

    public string PrimaryServer { get; }

    public string ResponsibleMailbox { get; }

    public uint Serial { get; }

    public uint Refresh { get; }

    public uint Retry { get; }

    public uint Expire { get; }

    public uint Minimum { get; }

    public override void WriteTo(DnsWireWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteName(PrimaryServer, compress: true);
        writer.WriteName(ResponsibleMailbox, compress: true);
        writer.WriteUInt32(Serial);
        writer.WriteUInt32(Refresh);
        writer.WriteUInt32(Retry);
        writer.WriteUInt32(Expire);
        writer.WriteUInt32(Minimum);
    }

    public override string ToString() => $"{PrimaryServer}. {ResponsibleMailbox}. {Serial} {Refresh} {Retry} {Expire} {Minimum}";

    internal static SoaRecordData ReadBody(DnsWireReader reader) =>
        new(reader.ReadName(), reader.ReadName(), reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadUInt32());
}

using ExternalDns.Dns.Wire;

namespace ExternalDns.Dns.Records;

/// <summary>RDATA of an SRV record (RFC 2782: the target is never compressed).</summary>
public sealed class SrvRecordData : DnsRecordData
{
    public SrvRecordData(ushort priority, ushort weight, ushort port, string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        DnsNameText.ParseLabels(target);
        Priority = priority;
        Weight = weight;
        Port = port;
        Target = target.TrimEnd('.');
    }

    public ushort Priority { get; }

    public ushort Weight { get; }

    public ushort Port { get; }

    public string Target { get; }

    public override void WriteTo(DnsWireWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteUInt16(Priority);
        writer.WriteUInt16(Weight);
        writer.WriteUInt16(Port);
        writer.WriteName(Target, compress: false);
    }

    public override string ToString() => $"{Priority} {Weight} {Port} {Target}.";
}

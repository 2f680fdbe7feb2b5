using ExternalDns.Dns.Wire;

namespace ExternalDns.Dns.Records;

/// <summary>RDATA of an MX record.</summary>
public sealed class MxRecordData : DnsRecordData
{
    public MxRecordData(ushort preference, string exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        DnsNameText.ParseLabels(exchange);
        Preference = preference;
        Exchange = exchange.TrimEnd('.');
    }

    public ushort Preference { get; }

    public string Exchange { get; }

    public override void WriteTo(DnsWireWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteUInt16(Preference);
        writer.WriteName(Exchange, compress: true);
    }

    public override string ToString() => $"{Preference} {Exchange}.";
}

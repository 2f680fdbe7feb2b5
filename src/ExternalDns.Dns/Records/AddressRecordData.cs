using System.Net;
using System.Net.Sockets;
using ExternalDns.Dns.Wire;

namespace ExternalDns.Dns.Records;

/// <summary>RDATA of an A (IPv4) or AAAA (IPv6) record.</summary>
public sealed class AddressRecordData : DnsRecordData
{
    public AddressRecordData(IPAddress address)
    {
        Address = address ?? throw new ArgumentNullException(nameof(address));
        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException("Only IPv4 and IPv6 addresses are supported.", nameof(address));
        }
    }

    public IPAddress Address { get; }

    /// <summary>The record type that carries this address: A or AAAA.</summary>
    public DnsRecordType RecordType => Address.AddressFamily == AddressFamily.InterNetwork ? DnsRecordType.A : DnsRecordType.AAAA;

    public override void WriteTo(DnsWireWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteBytes(Address.GetAddressBytes());
    }

    public override string ToString() => Address.ToString();

    internal static AddressRecordData ReadA(DnsWireReader reader)
    {
        if (reader.Remaining != 4)
        {
            throw new DnsFormatException($"An A record has {reader.Remaining} bytes of data, not 4.");
        }

        return new AddressRecordData(new IPAddress(reader.ReadBytes(4)));
    }

    internal static AddressRecordData ReadAaaa(DnsWireReader reader)
    {
        if (reader.Remaining != 16)
        {
            throw new DnsFormatException($"An AAAA record has {reader.Remaining} bytes of data, not 16.");
        }

        return new AddressRecordData(new IPAddress(reader.ReadBytes(16)));
    }
}

using System.Buffers.Binary;
using ExternalDns.Dns.Messages;
using ExternalDns.Dns.Records;
using ExternalDns.Dns.Wire;

namespace ExternalDns.Dns.Tsig;

/// <summary>Signs requests with TSIG (RFC 8945 5.1) and computes the digests shared with <see cref="TsigVerifier"/>.</summary>
public static class TsigSigner
{
    /// <summary>The fudge (allowed clock skew in seconds) used by BIND, nsupdate and upstream ExternalDNS.</summary>
    public const ushort DefaultFudge = 300;

    /// <summary>Encodes <paramref name="message"/> and appends a TSIG record signed with <paramref name="key"/>.</summary>
    public static SignedMessage Sign(DnsMessage message, ITsigKey key, DateTimeOffset now, ushort fudge = DefaultFudge)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(key);
        if (message.Tsig is not null)
        {
            throw new ArgumentException("The message is already signed.", nameof(message));
        }

        var unsigned = message.Encode();
        var timeSigned = now.ToUnixTimeSeconds();
        var digest = new DnsWireWriter(unsigned.Length + 128);
        digest.WriteBytes(unsigned);
        WriteVariables(digest, key, timeSigned, fudge, TsigError.NoError, []);
        var mac = key.ComputeMac(digest.ToArrayUnbounded());

        var tsig = new DnsResourceRecord(key.Name, DnsRecordType.TSIG, DnsClass.ANY, 0,
            new TsigRecordData(key.AlgorithmName, timeSigned, fudge, mac, message.Id, 0, []));
        var writer = new DnsWireWriter(unsigned.Length + 128);
        writer.WriteBytes(unsigned);
        tsig.WriteTo(writer);
        var wire = writer.ToArray();
        var arCount = BinaryPrimitives.ReadUInt16BigEndian(wire.AsSpan(10));
        BinaryPrimitives.WriteUInt16BigEndian(wire.AsSpan(10), (ushort)(arCount + 1));
        return new SignedMessage(wire, mac);
    }

    /// <summary>The TSIG variables of RFC 8945 4.3.3 in canonical form.</summary>
    internal static void WriteVariables(DnsWireWriter writer, ITsigKey key, long timeSigned, ushort fudge, TsigError error, byte[] otherData)
    {
        writer.WriteName(DnsNameText.Canonical(key.Name), compress: false);
        writer.WriteUInt16((ushort)DnsClass.ANY);
        writer.WriteUInt32(0);
        writer.WriteName(DnsNameText.Canonical(key.AlgorithmName), compress: false);
        WriteTimers(writer, timeSigned, fudge);
        writer.WriteUInt16((ushort)error);
        writer.WriteUInt16((ushort)otherData.Length);
        writer.WriteBytes(otherData);
    }

    internal static void WriteTimers(DnsWireWriter writer, long timeSigned, ushort fudge)
    {
        writer.WriteUInt48(timeSigned);
        writer.WriteUInt16(fudge);
    }

    /// <summary>The message as it was before the TSIG record was added: cut at the TSIG, ARCOUNT - 1, original id.</summary>
    internal static byte[] StripTsig(byte[] wire, int tsigOffset, ushort originalId)
    {
        var stripped = wire.AsSpan(0, tsigOffset).ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(stripped, originalId);
        var arCount = BinaryPrimitives.ReadUInt16BigEndian(stripped.AsSpan(10));
        BinaryPrimitives.WriteUInt16BigEndian(stripped.AsSpan(10), (ushort)(arCount - 1));
        return stripped;
    }
}

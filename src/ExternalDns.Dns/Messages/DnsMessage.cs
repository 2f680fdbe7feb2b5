using ExternalDns.Dns.Records;
using ExternalDns.Dns.Wire;

namespace ExternalDns.Dns.Messages;

/// <summary>
/// A DNS message (RFC 1035 4.1). For UPDATE (RFC 2136) the sections are Zone (<see cref="Questions"/>),
/// Prerequisite (<see cref="Answers"/>), Update (<see cref="Authorities"/>) and Additional.
/// </summary>
public sealed class DnsMessage
{
    public const int HeaderLength = 12;

    public ushort Id { get; set; }

    public bool IsResponse { get; set; }

    public DnsOpcode Opcode { get; set; }

    public bool IsAuthoritative { get; set; }

    public bool IsTruncated { get; set; }

    public bool RecursionDesired { get; set; }

    public bool RecursionAvailable { get; set; }

    public bool AuthenticData { get; set; }

    public bool CheckingDisabled { get; set; }

    public DnsResponseCode ResponseCode { get; set; }

    public List<DnsQuestion> Questions { get; } = [];

    public List<DnsResourceRecord> Answers { get; } = [];

    public List<DnsResourceRecord> Authorities { get; } = [];

    public List<DnsResourceRecord> Additionals { get; } = [];

    /// <summary>UPDATE: the zone section (the same list as <see cref="Questions"/>).</summary>
    public List<DnsQuestion> Zone => Questions;

    /// <summary>UPDATE: the prerequisite section (the same list as <see cref="Answers"/>).</summary>
    public List<DnsResourceRecord> Prerequisites => Answers;

    /// <summary>UPDATE: the update section (the same list as <see cref="Authorities"/>).</summary>
    public List<DnsResourceRecord> Updates => Authorities;

    /// <summary>
    /// After <see cref="Decode"/>: the offset of the TSIG record in the decoded bytes, or -1 when the message is not
    /// signed. TSIG verification digests the bytes before it.
    /// </summary>
    public int TsigOffset { get; private set; } = -1;

    /// <summary>The TSIG record (the last additional record) or null.</summary>
    public DnsResourceRecord? Tsig =>
        Additionals.Count > 0 && Additionals[^1].Type == DnsRecordType.TSIG ? Additionals[^1] : null;

    public byte[] Encode()
    {
        var writer = new DnsWireWriter();
        WriteTo(writer);
        return writer.ToArray();
    }

    public void WriteTo(DnsWireWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteUInt16(Id);
        writer.WriteUInt16(Flags);
        writer.WriteUInt16(Count(Questions.Count));
        writer.WriteUInt16(Count(Answers.Count));
        writer.WriteUInt16(Count(Authorities.Count));
        writer.WriteUInt16(Count(Additionals.Count));
        foreach (var q in Questions)
        {
            q.WriteTo(writer);
        }

        foreach (var section in new[] { Answers, Authorities, Additionals })
        {
            foreach (var rr in section)
            {
                rr.WriteTo(writer);
            }
        }
    }

    /// <summary>Decodes a message. Any malformed input gives a <see cref="DnsFormatException"/>.</summary>
    public static DnsMessage Decode(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            return DecodeCore(data);
        }
        catch (ArgumentException e)
        {
            throw new DnsFormatException($"Malformed DNS message: {e.Message}", e);
        }
    }

    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $";; id {Id} {Opcode} {ResponseCode}{(IsResponse ? " qr" : string.Empty)}{(IsAuthoritative ? " aa" : string.Empty)}{(IsTruncated ? " tc" : string.Empty)}{(RecursionDesired ? " rd" : string.Empty)}{(RecursionAvailable ? " ra" : string.Empty)}");
        text.AppendLine();
        foreach (var q in Questions)
        {
            text.Append(';').AppendLine(q.ToString());
        }

        foreach (var rr in Answers.Concat(Authorities).Concat(Additionals))
        {
            text.AppendLine(rr.ToString());
        }

        return text.ToString();
    }

    private ushort Flags =>
        (ushort)((IsResponse ? 0x8000 : 0)
            | (((int)Opcode & 0xF) << 11)
            | (IsAuthoritative ? 0x0400 : 0)
            | (IsTruncated ? 0x0200 : 0)
            | (RecursionDesired ? 0x0100 : 0)
            | (RecursionAvailable ? 0x0080 : 0)
            | (AuthenticData ? 0x0020 : 0)
            | (CheckingDisabled ? 0x0010 : 0)
            | ((int)ResponseCode & 0xF));

    private static ushort Count(int count) =>
        count <= ushort.MaxValue ? (ushort)count : throw new InvalidOperationException("A DNS message section holds at most 65535 entries.");

    private static DnsMessage DecodeCore(byte[] data)
    {
        var reader = new DnsWireReader(data);
        if (data.Length < HeaderLength)
        {
            throw new DnsFormatException($"A DNS message is at least {HeaderLength} bytes long; got {data.Length}.");
        }

        var message = new DnsMessage { Id = reader.ReadUInt16() };
        var flags = reader.ReadUInt16();
        message.IsResponse = (flags & 0x8000) != 0;
        message.Opcode = (DnsOpcode)((flags >> 11) & 0xF);
        message.IsAuthoritative = (flags & 0x0400) != 0;
        message.IsTruncated = (flags & 0x0200) != 0;
        message.RecursionDesired = (flags & 0x0100) != 0;
        message.RecursionAvailable = (flags & 0x0080) != 0;
        message.AuthenticData = (flags & 0x0020) != 0;
        message.CheckingDisabled = (flags & 0x0010) != 0;
        message.ResponseCode = (DnsResponseCode)(flags & 0xF);
        int qd = reader.ReadUInt16(), an = reader.ReadUInt16(), ns = reader.ReadUInt16(), ar = reader.ReadUInt16();

        // A question takes at least 5 bytes and a record at least 11: a count that cannot fit fails early.
        if ((qd * 5L) + ((an + ns + ar) * 11L) > reader.Remaining)
        {
            throw new DnsFormatException("The section counts do not fit in the message.");
        }

        for (var i = 0; i < qd; i++)
        {
            message.Questions.Add(DnsQuestion.Read(reader));
        }

        ReadSection(reader, an, message.Answers, message, isAdditional: false);
        ReadSection(reader, ns, message.Authorities, message, isAdditional: false);
        ReadSection(reader, ar, message.Additionals, message, isAdditional: true);
        if (reader.Remaining != 0)
        {
            throw new DnsFormatException($"{reader.Remaining} bytes follow the last record.");
        }

        return message;
    }

    private static void ReadSection(DnsWireReader reader, int count, List<DnsResourceRecord> section, DnsMessage message, bool isAdditional)
    {
        for (var i = 0; i < count; i++)
        {
            var start = reader.Position;
            var rr = DnsResourceRecord.Read(reader);
            if (rr.Type == DnsRecordType.TSIG)
            {
                if (!isAdditional || i != count - 1)
                {
                    throw new DnsFormatException("A TSIG record must be the last record of the additional section.");
                }

                message.TsigOffset = start;
            }

            section.Add(rr);
        }
    }
}

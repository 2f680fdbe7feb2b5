using ExternalDns.Dns.Messages;
using ExternalDns.Dns.Records;
using ExternalDns.Dns.Wire;

namespace ExternalDns.Dns.Tests;

public class WireTests
{
    // id 0x1234, RD, one question example.com IN A (RFC 1035 4.1 layout, hand-made).
    private static readonly byte[] QueryVector = Convert.FromHexString(
        "123401000001000000000000" + "076578616d706c6503636f6d00" + "00010001");

    [Fact]
    public void Encodes_a_query_to_the_known_bytes()
    {
        var message = new DnsMessage { Id = 0x1234, RecursionDesired = true };
        message.Questions.Add(new DnsQuestion("example.com", DnsRecordType.A));
        Assert.Equal(QueryVector, message.Encode());
    }

    [Fact]
    public void Decodes_the_known_query()
    {
        var message = DnsMessage.Decode(QueryVector);
        Assert.Equal(0x1234, message.Id);
        Assert.True(message.RecursionDesired);
        Assert.False(message.IsResponse);
        var q = Assert.Single(message.Questions);
        Assert.Equal("example.com", q.Name);
        Assert.Equal(DnsRecordType.A, q.Type);
        Assert.Equal(DnsClass.IN, q.Class);
    }

    [Fact]
    public void Decodes_a_response_with_compression_pointers()
    {
        // Header: id 1, QR AA, 1 question, 2 answers. Answer names point to offset 12 (the question name).
        var bytes = Convert.FromHexString(
            "000184000001000200000000"
            + "03777777076578616d706c65036f726700" + "00010001" // www.example.org A IN (offset 12)
            + "c00c" + "0001" + "0001" + "0000012c" + "0004" + "c0000201"          // www.example.org A 192.0.2.1
            + "03617069c010" + "0005" + "0001" + "0000003c" + "0002" + "c00c"      // api.example.org CNAME www.example.org
            );
        var message = DnsMessage.Decode(bytes);
        Assert.True(message.IsResponse);
        Assert.True(message.IsAuthoritative);
        Assert.Equal("www.example.org", message.Answers[0].Name);
        Assert.Equal("192.0.2.1", ((AddressRecordData)message.Answers[0].Data).Address.ToString());
        Assert.Equal(300u, message.Answers[0].Ttl);
        Assert.Equal("api.example.org", message.Answers[1].Name);
        Assert.Equal("www.example.org", ((NameRecordData)message.Answers[1].Data).Name);
    }

    [Fact]
    public void Compresses_repeated_names_on_write()
    {
        var message = new DnsMessage { Id = 7 };
        message.Questions.Add(new DnsQuestion("www.example.org", DnsRecordType.A));
        message.Answers.Add(new DnsResourceRecord("www.example.org", DnsRecordType.A, DnsClass.IN, 60, new AddressRecordData(System.Net.IPAddress.Parse("192.0.2.1"))));
        message.Answers.Add(new DnsResourceRecord("mail.EXAMPLE.org", DnsRecordType.CNAME, DnsClass.IN, 60, new NameRecordData("www.example.org")));
        var bytes = message.Encode();

        // question name at 12 (17 bytes), then the first answer's owner is a pointer to 12
        Assert.Equal(new byte[] { 0xC0, 0x0C }, bytes[33..35]);
        // "mail" + pointer to "example.org" (offset 16), rdata: pointer to 12
        var second = 35 + 8 + 2 + 4;
        Assert.Equal(Convert.FromHexString("046d61696cc010"), bytes[second..(second + 7)]);
        Assert.Equal(new byte[] { 0xC0, 0x0C }, bytes[^2..]);
        Assert.Equal(12 + 21 + 16 + 7 + 10 + 2, bytes.Length);

        var decoded = DnsMessage.Decode(bytes);
        Assert.Equal("mail.example.org", decoded.Answers[1].Name); // the suffix is shared case-insensitively
        Assert.Equal("www.example.org", ((NameRecordData)decoded.Answers[1].Data).Name);
    }

    public static TheoryData<string, string> MalformedMessages => new()
    {
        { "pointer to itself", "000000000001000000000000" + "c00c" + "00010001" },
        { "pointer forward", "000000000001000000000000" + "c00e" + "00010001" + "00" },
        { "pointer loop between two names", "000000000002000000000000" + "01610000010001" + "01620000010001" + "c00c" },
        { "pointer ping-pong", "000000000001000000000000" + "0161c011" + "00010001" + "c00c" },
        { "extended label type", "000000000001000000000000" + "4000" + "00010001" },
        { "label past the end", "000000000001000000000000" + "3f6162" },
        { "truncated header", "0000000000" },
        { "counts that do not fit", "00000000ffffffffffffffff" },
        { "pointer cut off", "000000000001000000000000" + "c0" },
        { "A record with 3 bytes", "000080000000000100000000" + "00" + "00010001" + "00000000" + "0003" + "010203" },
        { "rdlength past the end", "000080000000000100000000" + "00" + "00100001" + "00000000" + "0010" + "0161" },
        { "TXT string past rdata", "000080000000000100000000" + "00" + "00100001" + "00000000" + "0002" + "0561" + "00" },
        { "trailing bytes", "000000000000000000000000" + "00" },
        { "TSIG not last", "000080000000000000000002" + "00" + "00fa00ff" + "00000000" + "0000" + "00" + "00010001" + "00000000" + "0000" },
    };

    [Theory]
    [MemberData(nameof(MalformedMessages))]
    public void Malformed_messages_give_a_format_exception(string reason, string hex)
    {
        Assert.NotNull(reason);
        Assert.Throws<DnsFormatException>(() => DnsMessage.Decode(Convert.FromHexString(hex)));
    }

    [Fact]
    public void A_name_longer_than_255_bytes_is_rejected_on_read()
    {
        // 5 labels of 63 bytes = 320 bytes
        var label = "3f" + string.Concat(Enumerable.Repeat("61", 63));
        var hex = "000000000001000000000000" + string.Concat(Enumerable.Repeat(label, 5)) + "00" + "00010001";
        Assert.Throws<DnsFormatException>(() => DnsMessage.Decode(Convert.FromHexString(hex)));
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData("trailing\\")]
    [InlineData("\\256.example")]
    public void Malformed_names_are_rejected_on_write(string name)
    {
        Assert.Throws<ArgumentException>(() => new DnsWireWriter().WriteName(name, compress: false));
    }

    [Fact]
    public void Long_labels_and_names_are_rejected_on_write()
    {
        Assert.Throws<ArgumentException>(() => DnsNameText.ParseLabels(new string('a', 64) + ".org"));
        Assert.Throws<ArgumentException>(() => DnsNameText.ParseLabels(string.Join('.', Enumerable.Repeat(new string('a', 63), 4))));
        Assert.Equal(4, DnsNameText.ParseLabels(string.Join('.', Enumerable.Repeat(new string('a', 62), 3)) + ".a").Count);
    }

    [Theory]
    [InlineData("a\\.b.example", 2)]
    [InlineData("example.org.", 2)]
    [InlineData(".", 0)]
    [InlineData("", 0)]
    [InlineData("\\065bc.org", 2)]
    public void Parses_escapes_and_trailing_dots(string name, int labels)
    {
        var parsed = DnsNameText.ParseLabels(name);
        Assert.Equal(labels, parsed.Count);
        var writer = new DnsWireWriter();
        writer.WriteName(name, compress: false);
        var reader = new DnsWireReader(writer.ToArray());
        var read = reader.ReadName();
        Assert.True(DnsNameText.Equal(name, read), $"{name} -> {read}");
    }

    [Fact]
    public void Escapes_special_bytes_when_reading_labels()
    {
        var reader = new DnsWireReader(Convert.FromHexString("03612e62" + "02" + "0a5c" + "00"));
        Assert.Equal("a\\.b.\\010\\\\", reader.ReadName());
    }
}

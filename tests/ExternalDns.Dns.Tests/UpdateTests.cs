using System.Net;
using ExternalDns.Dns.Messages;
using ExternalDns.Dns.Records;
using ExternalDns.Dns.Update;

namespace ExternalDns.Dns.Tests;

public class UpdateTests
{
    [Fact]
    public void Builds_an_rfc2136_update_with_the_right_sections_and_classes()
    {
        var update = new DnsUpdateBuilder("example.org")
            .RequireNameNotInUse("new.example.org")
            .RequireRRsetExists("www.example.org", DnsRecordType.A)
            .DeleteRRset("old.example.org", DnsRecordType.TXT)
            .DeleteRecord("www.example.org", DnsRecordType.A, new AddressRecordData(IPAddress.Parse("192.0.2.1")))
            .AddRecord("www.example.org", DnsRecordType.A, 300, new AddressRecordData(IPAddress.Parse("192.0.2.2")))
            .DeleteAllRRsets("gone.example.org")
            .Build();
        update.Id = 0xBEEF;

        var bytes = update.Encode();
        // header: id, opcode UPDATE (5 << 11 = 0x2800), ZOCOUNT 1, PRCOUNT 2, UPCOUNT 4, ADCOUNT 0
        Assert.Equal(Convert.FromHexString("beef2800000100020004" + "0000"), bytes[..12]);
        // zone section: example.org SOA IN
        Assert.Equal(Convert.FromHexString("076578616d706c65036f726700" + "0006" + "0001"), bytes[12..29]);

        var decoded = DnsMessage.Decode(bytes);
        Assert.Equal(DnsOpcode.Update, decoded.Opcode);
        Assert.Equal(("example.org", DnsRecordType.SOA), (decoded.Zone[0].Name, decoded.Zone[0].Type));
        Assert.Equal([(DnsClass.NONE, DnsRecordType.ANY), (DnsClass.ANY, DnsRecordType.A)], decoded.Prerequisites.Select(p => (p.Class, p.Type)));
        Assert.All(decoded.Prerequisites, p => Assert.Same(EmptyRecordData.Instance, p.Data));
        Assert.Equal(
            [(DnsClass.ANY, DnsRecordType.TXT, 0u), (DnsClass.NONE, DnsRecordType.A, 0u), (DnsClass.IN, DnsRecordType.A, 300u), (DnsClass.ANY, DnsRecordType.ANY, 0u)],
            decoded.Updates.Select(u => (u.Class, u.Type, u.Ttl)));
        Assert.Equal("192.0.2.1", decoded.Updates[1].Data.ToString());
        Assert.Equal("192.0.2.2", decoded.Updates[2].Data.ToString());
    }

    [Fact]
    public void Adding_a_record_without_data_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new DnsUpdateBuilder("example.org").AddRecord("a.example.org", DnsRecordType.A, 60, EmptyRecordData.Instance));
    }
}

using System.Net;
using System.Text;
using ExternalDns.Dns.Messages;
using ExternalDns.Dns.Records;

namespace ExternalDns.Dns.Tests;

public class RecordTests
{
    public static TheoryData<DnsRecordType, DnsRecordData, string> Records => new()
    {
        { DnsRecordType.A, new AddressRecordData(IPAddress.Parse("192.0.2.10")), "c000020a" },
        { DnsRecordType.AAAA, new AddressRecordData(IPAddress.Parse("2001:db8::1")), "20010db8000000000000000000000001" },
        { DnsRecordType.CNAME, new NameRecordData("target.example.net"), "06746172676574076578616d706c65036e657400" },
        { DnsRecordType.NS, new NameRecordData("ns1.example.net"), "036e7331076578616d706c65036e657400" },
        { DnsRecordType.PTR, new NameRecordData("host.example.net"), "04686f7374076578616d706c65036e657400" },
        { DnsRecordType.TXT, new TxtRecordData([Encoding.ASCII.GetBytes("a=1"), Encoding.ASCII.GetBytes("b")]), "03613d310162" },
        { DnsRecordType.MX, new MxRecordData(10, "mail.example.net"), "000a046d61696c076578616d706c65036e657400" },
        { DnsRecordType.SRV, new SrvRecordData(1, 2, 443, "svc.example.net"), "000100020" + "1bb" + "03737663076578616d706c65036e657400" },
        { DnsRecordType.SOA, new SoaRecordData("ns1.example.net", "hostmaster.test", 2024010101, 3600, 600, 86400, 300), "036e7331076578616d706c65036e6574000a686f73746d617374657204746573740" + "0" + "78a3f175" + "00000e10" + "00000258" + "00015180" + "0000012c" },
        { (DnsRecordType)99, new UnknownRecordData([1, 2, 3]), "010203" },
    };

    [Theory]
    [MemberData(nameof(Records))]
    public void Record_data_encodes_to_known_bytes_and_round_trips(DnsRecordType type, DnsRecordData data, string rdataHex)
    {
        // Owner "x.example.com" does not share a suffix with the data, so the RDATA is uncompressed.
        var message = new DnsMessage { Id = 1, IsResponse = true };
        message.Answers.Add(new DnsResourceRecord("x.example.com", type, DnsClass.IN, 3600, data));
        var bytes = message.Encode();
        Assert.EndsWith(rdataHex, Convert.ToHexString(bytes).ToLowerInvariant(), StringComparison.Ordinal);

        var decoded = DnsMessage.Decode(bytes);
        var rr = Assert.Single(decoded.Answers);
        Assert.Equal(type, rr.Type);
        Assert.Equal(3600u, rr.Ttl);
        Assert.Equal(data.ToString(), rr.Data.ToString());
        Assert.Equal(data.GetType(), rr.Data.GetType());
    }

    [Fact]
    public void Txt_values_longer_than_255_bytes_are_split_into_255_byte_strings()
    {
        var value = new string('x', 600);
        var txt = TxtRecordData.FromText(value);
        Assert.Equal([255, 255, 90], txt.Strings.Select(s => s.Length));
        Assert.Equal(value, txt.Text);

        var message = new DnsMessage();
        message.Answers.Add(new DnsResourceRecord("t.example.org", DnsRecordType.TXT, DnsClass.IN, 60, txt));
        var decoded = (TxtRecordData)DnsMessage.Decode(message.Encode()).Answers[0].Data;
        Assert.Equal(value, decoded.Text);
        Assert.Equal(3, decoded.Strings.Count);
    }

    [Fact]
    public void Txt_keeps_an_empty_value_and_utf8()
    {
        Assert.Equal(string.Empty, TxtRecordData.FromText(string.Empty).Text);
        Assert.Equal("grüße", TxtRecordData.FromText("grüße").Text);
        Assert.Throws<ArgumentException>(() => new TxtRecordData([new byte[256]]));
    }

    [Fact]
    public void Srv_target_is_never_compressed_but_cname_target_is()
    {
        var message = new DnsMessage();
        message.Answers.Add(new DnsResourceRecord("a.example.org", DnsRecordType.SRV, DnsClass.IN, 60, new SrvRecordData(0, 0, 80, "a.example.org")));
        message.Answers.Add(new DnsResourceRecord("b.example.org", DnsRecordType.CNAME, DnsClass.IN, 60, new NameRecordData("a.example.org")));
        var hex = Convert.ToHexString(message.Encode()).ToLowerInvariant();
        Assert.Contains("0000000000500161076578616d706c65036f726700", hex, StringComparison.Ordinal); // SRV target in full
        Assert.EndsWith("0002c00c", hex, StringComparison.Ordinal); // CNAME target: pointer to the first owner
    }

    [Fact]
    public void Zero_length_rdata_decodes_as_empty()
    {
        var message = new DnsMessage();
        message.Authorities.Add(new DnsResourceRecord("a.example.org", DnsRecordType.A, DnsClass.ANY, 0, EmptyRecordData.Instance));
        var decoded = DnsMessage.Decode(message.Encode());
        Assert.Same(EmptyRecordData.Instance, decoded.Authorities[0].Data);
        Assert.Equal(DnsClass.ANY, decoded.Authorities[0].Class);
    }
}

using ExternalDns.Core.Registry;

namespace ExternalDns.Core.Tests.Registry;

public class TxtNameMapperTests
{
    [Theory]
    [InlineData("", "", "", "foo.ex.com", "A", "a-foo.ex.com")]
    [InlineData("txt.", "", "", "foo.ex.com", "CNAME", "txt.cname-foo.ex.com")]
    [InlineData("TXT.", "", "", "foo.ex.com", "CNAME", "txt.cname-foo.ex.com")]
    [InlineData("", "-txt", "", "foo.ex.com", "CNAME", "cname-foo-txt.ex.com")]
    [InlineData("prefix%{record_type}.", "", "", "foo.ex.com", "CNAME", "prefixcname.foo.ex.com")]
    [InlineData("", "-%{record_type}suffix", "", "foo.ex.com", "AAAA", "foo-aaaasuffix.ex.com")]
    [InlineData("", "", "wc", "*.ex.com", "A", "a-wc.ex.com")]
    [InlineData("", "", "", "*.ex.com", "A", "a-*.ex.com")]
    [InlineData("txt.", "", "", "example", "CNAME", "txt.cname-example")]
    public void ToTxtName(string prefix, string suffix, string wildcard, string name, string type, string expected) =>
        Assert.Equal(expected, new TxtNameMapper(prefix, suffix, wildcard).ToTxtName(name, type));

    [Theory]
    [InlineData("", "", "a-foo.ex.com", "foo.ex.com", "A")]
    [InlineData("", "", "foo.ex.com", "foo.ex.com", "")]
    [InlineData("", "", "aaaa-dual.ex.com", "dual.ex.com", "AAAA")]
    [InlineData("txt.", "", "TxT.cname-foo.ex.com", "foo.ex.com", "CNAME")]
    [InlineData("txt.", "", "txt.bar.ex.com", "bar.ex.com", "")]
    [InlineData("txt.", "", "bar.ex.com", "", "")]
    [InlineData("", "-txt", "cname-foo-txt.ex.com", "foo.ex.com", "CNAME")]
    [InlineData("", "-txt", "bar-txt.ex.com", "bar.ex.com", "")]
    [InlineData("", "-txt", "_sip-txt._udp.sip1.ex.com", "_sip._udp.sip1.ex.com", "")]
    [InlineData("txt-%{record_type}.", "", "txt-mx.mail.ex.com", "mail.ex.com", "MX")]
    [InlineData("", "txt%{record_type}", "bartxtcname.ex.com", "bar.ex.com", "CNAME")]
    [InlineData("", "txt%{record_type}", "mailtxt.ex.com", "mail.ex.com", "")]
    [InlineData("", "-x.y", "foo-x.y.ex.com", "foo.ex.com", "")]
    public void ToEndpointName(string prefix, string suffix, string txtName, string name, string type) =>
        Assert.Equal((name, type), new TxtNameMapper(prefix, suffix, "").ToEndpointName(txtName));

    [Fact]
    public void HasValidLabels_63BytesMax()
    {
        Assert.True(TxtNameMapper.HasValidLabels(new string('a', 63) + ".ex.com"));
        Assert.False(TxtNameMapper.HasValidLabels(new string('a', 64) + ".ex.com"));
    }
}

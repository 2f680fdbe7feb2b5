using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Tests.Endpoints;

public class TargetsAndNamesTests
{
    [Theory]
    [InlineData(new[] { "1.2.3.4" }, new[] { "1.2.3.4" }, true)]
    [InlineData(new[] { "a.example.org" }, new[] { "A.Example.ORG" }, true)]
    [InlineData(new[] { "2001:db8::1" }, new[] { "2001:0DB8:0:0::0001" }, true)]
    [InlineData(new[] { "1.1.1.1", "2.2.2.2" }, new[] { "2.2.2.2", "1.1.1.1" }, true)]
    [InlineData(new[] { "1.1.1.1" }, new[] { "1.1.1.2" }, false)]
    [InlineData(new[] { "1.1.1.1" }, new[] { "1.1.1.1", "1.1.1.1" }, false)]
    [InlineData(new[] { "a" }, new[] { "b" }, false)]
    public void Same_ignores_order_case_and_ip_spelling(string[] a, string[] b, bool expected) =>
        Assert.Equal(expected, new Targets(a).Same(new Targets(b)));

    [Theory]
    [InlineData(new[] { "1.1.1.1" }, new[] { "1.1.1.1", "2.2.2.2" }, true)] // fewer targets first
    [InlineData(new[] { "9.9.9.9" }, new[] { "a.example.org" }, true)]      // IPs before names
    [InlineData(new[] { "10.0.0.2" }, new[] { "10.0.0.10" }, true)]         // numeric, not lexical
    [InlineData(new[] { "v1" }, new[] { "v2" }, true)]
    [InlineData(new[] { "v2" }, new[] { "v1" }, false)]
    public void IsLess_orders_as_upstream(string[] a, string[] b, bool expected) =>
        Assert.Equal(expected, new Targets(a).IsLess(new Targets(b)));

    [Theory]
    [InlineData("1.2.3.4", "A")]
    [InlineData("2001:db8::1", "AAAA")]
    [InlineData("::ffff:1.2.3.4", "AAAA")]
    [InlineData("lb.example.net", "CNAME")]
    [InlineData("1.2.3", "CNAME")]
    public void Record_type_per_target(string target, string type) => Assert.Equal(type, RecordTypes.ForTarget(target));

    [Theory]
    [InlineData("Foo.Example.ORG.", "foo.example.org")]
    [InlineData(" foo.example.org ", "foo.example.org")]
    [InlineData("Bücher.Example", "xn--bcher-kva.example")]
    [InlineData("xn--bcher-kva.example", "xn--bcher-kva.example")]
    public void Names_normalise(string name, string expected) => Assert.Equal(expected, DnsNames.Normalize(name));

    [Theory]
    [InlineData("www.example.org", true)]
    [InlineData("*.example.org", true)]
    [InlineData("_sip._tcp.example.org", true)]
    [InlineData("bücher.example", true)]
    [InlineData("-bad.example.org", false)]
    [InlineData("bad-.example.org", false)]
    [InlineData("a..b", false)]
    [InlineData("a b.example.org", false)]
    [InlineData("", false)]
    [InlineData("foo.*.example.org", false)]
    public void Names_validate(string name, bool valid) => Assert.Equal(valid, DnsNames.IsValid(name));

    [Fact]
    public void Labels_longer_than_63_are_invalid()
    {
        Assert.False(DnsNames.IsValid(new string('a', 64) + ".example.org"));
        Assert.True(DnsNames.IsValid(new string('a', 63) + ".example.org"));
    }

    [Fact]
    public void Endpoint_trims_trailing_dots_except_for_txt_srv_naptr_data()
    {
        Assert.Equal("lb.example.net", new Endpoint("www.example.org.", "CNAME", "lb.example.net.").Targets[0]);
        Assert.Equal("www.example.org", new Endpoint("www.example.org.", "CNAME", "lb.example.net.").DnsName);
        Assert.Equal("0 50 80 host.example.org.", new Endpoint("_http._tcp.example.org", "SRV", "0 50 80 host.example.org.").Targets[0]);
    }

    [Fact]
    public void Labels_serialise_and_parse_as_upstream()
    {
        var labels = new Labels { [Labels.ResourceKey] = "ingress/default/my-ingress", [Labels.OwnerKey] = "owner" };
        var text = labels.SerializePlain(withQuotes: true);
        Assert.Equal("\"heritage=external-dns,external-dns/owner=owner,external-dns/resource=ingress/default/my-ingress\"", text);
        Assert.Equal(labels, Labels.ParsePlain(text));
        Assert.Null(Labels.ParsePlain("\"v=spf1 include:example.org ~all\""));
        Assert.Null(Labels.ParsePlain("heritage=mate,external-dns/owner=x"));
    }
}

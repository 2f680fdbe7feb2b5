using System.Text;
using System.Text.Json;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Providers.Webhook.Json;

namespace ExternalDns.Providers.Tests.Webhook;

/// <summary>
/// The webhook bodies as Go's encoding/json writes and reads them (upstream's <c>endpoint.Endpoint</c>,
/// <c>plan.Changes</c> and <c>DomainFilter</c> with their JSON tags). The expected bytes follow Go's rules: members in
/// struct order, omitempty, map keys sorted, <c>\"</c>-style escapes, HTML characters as <c>\u003c</c>, a trailing newline.
/// </summary>
public sealed class WebhookJsonTests
{
    private const string Ownership = "\"heritage=external-dns,external-dns/owner=e2e,external-dns/resource=service/default/app\"";

    [Fact]
    public async Task A_txt_ownership_record_is_written_as_upstream_writes_it_and_round_trips_byte_for_byte()
    {
        var txt = new Endpoint("a-app.example.org", RecordTypes.TXT, Ownership).WithLabel(Labels.OwnedRecordKey, "app.example.org");
        const string expected = """[{"dnsName":"a-app.example.org","targets":["\"heritage=external-dns,external-dns/owner=e2e,external-dns/resource=service/default/app\""],"recordType":"TXT","labels":{"ownedRecord":"app.example.org"}}]""" + "\n";

        var written = WebhookJson.WriteEndpoints([txt]);
        var read = await WebhookJson.ReadEndpointsAsync(new MemoryStream(written), default);

        Assert.Equal(expected, Encoding.UTF8.GetString(written));
        Assert.Equal(Ownership, Assert.Single(Assert.Single(read).Targets));
        Assert.Equal(written, WebhookJson.WriteEndpoints(read));
    }

    [Fact]
    public void Every_member_is_written_in_upstreams_order_and_empty_ones_are_omitted()
    {
        var full = new Endpoint("www.example.org", RecordTypes.CNAME, 300, ["lb.example.net"]) { SetIdentifier = "eu" }
            .WithLabel("resource", "ingress/web/www").WithLabel("owner", "o").WithLabel("a", "1")
            .WithProviderSpecific("webhook/weight", "10").WithProviderSpecific("alias", string.Empty);
        var bare = new Endpoint("bare.example.org", RecordTypes.A, 0, []);

        var json = Encoding.UTF8.GetString(WebhookJson.WriteEndpoints([full, bare]));

        Assert.Equal(
            """[{"dnsName":"www.example.org","targets":["lb.example.net"],"recordType":"CNAME","setIdentifier":"eu","recordTTL":300,"labels":{"a":"1","owner":"o","resource":"ingress/web/www"},"providerSpecific":[{"name":"webhook/weight","value":"10"},{"name":"alias"}]},{"dnsName":"bare.example.org","recordType":"A"}]""" + "\n",
            json);
    }

    [Fact]
    public void Strings_are_escaped_exactly_as_go_escapes_them()
    {
        var text = "<a>&\"\\\b\f\n\r\t\u0001\u001f\u007f\u2028\u2029é😀 +/=";
        var lone = "x\ud800y";

        var json = Encoding.UTF8.GetString(WebhookJson.WriteEndpoints([new Endpoint("n", RecordTypes.TXT, text, lone)]));

        Assert.Equal(
            "[{\"dnsName\":\"n\",\"targets\":[\"\\u003ca\\u003e\\u0026\\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f\u007f\\u2028\\u2029é😀 +/=\",\"x\\ufffdy\"],\"recordType\":\"TXT\"}]\n",
            json);
    }

    [Fact]
    public void Changes_omit_empty_lists()
    {
        var a = new Endpoint("a.example.org", RecordTypes.A, "192.0.2.1");

        Assert.Equal("{}\n", Encoding.UTF8.GetString(WebhookJson.WriteChanges(new Changes())));
        Assert.Equal(
            """{"create":[{"dnsName":"a.example.org","targets":["192.0.2.1"],"recordType":"A"}],"updateOld":[{"dnsName":"a.example.org","targets":["192.0.2.1"],"recordType":"A"}],"updateNew":[{"dnsName":"a.example.org","targets":["192.0.2.1"],"recordType":"A"}],"delete":[{"dnsName":"a.example.org","targets":["192.0.2.1"],"recordType":"A"}]}""" + "\n",
            Encoding.UTF8.GetString(WebhookJson.WriteChanges(new Changes { Create = [a], UpdateOld = [a], UpdateNew = [a], Delete = [a] })));
        Assert.Equal("""{"delete":[{"dnsName":"a.example.org","targets":["192.0.2.1"],"recordType":"A"}]}""" + "\n", Encoding.UTF8.GetString(WebhookJson.WriteChanges(new Changes { Delete = [a] })));
    }

    [Fact]
    public void A_domain_filter_is_written_in_the_shape_it_has()
    {
        Assert.Equal("{}\n", Write(DomainFilter.All));
        Assert.Equal("""{"include":["a.example.org","example.com"],"exclude":["private.example.com"]}""" + "\n", Write(new DomainFilter(["example.com", "a.example.org."], ["private.example.com"])));
        Assert.Equal("""{"regexInclude":"\\.example\\.org$"}""" + "\n", Write(DomainFilter.FromRegex(@"\.example\.org$", null)));
        Assert.Equal("""{"regexInclude":"^a","regexExclude":"\u003cb"}""" + "\n", Write(DomainFilter.FromRegex("^a", "<b")));

        static string Write(DomainFilter f) => Encoding.UTF8.GetString(WebhookJson.WriteDomainFilter(f));
    }

    [Fact]
    public async Task Reading_accepts_any_member_case_nulls_and_unknown_members_as_go_does()
    {
        const string json = """
            [{"DNSName":"a.example.org","Targets":["192.0.2.1",null],"RECORDTYPE":"A","recordttl":60,"Labels":{"owner":"o","x":null},"providerspecific":[{"Name":"p","VALUE":"v"},null],"future":{"x":1}},
             {"dnsName":"b.example.org","recordType":"A","targets":null,"labels":null,"providerSpecific":null,"setIdentifier":null,"recordTTL":null}]
            """;

        var read = await WebhookJson.ReadEndpointsAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), default);

        Assert.Equal(2, read.Count);
        Assert.Equal(("a.example.org", "A", 60L), (read[0].DnsName, read[0].RecordType, read[0].RecordTtl));
        Assert.Equal(["192.0.2.1", string.Empty], read[0].Targets);
        Assert.Equal("o", read[0].Labels.Owner);
        Assert.Equal(string.Empty, read[0].Labels["x"]);
        Assert.Equal(new ProviderSpecificProperty("p", "v"), Assert.Single(read[0].ProviderSpecific));
        Assert.Empty(read[1].Targets);
        Assert.Empty(await WebhookJson.ReadEndpointsAsync(new MemoryStream("null"u8.ToArray()), default));
    }

    [Fact]
    public async Task Changes_are_read_with_upstreams_member_names_in_any_case()
    {
        const string json = """{"Create":[{"dnsName":"foo"}],"updateOld":[{"dnsName":"bar"}],"updateNew":[{"dnsName":"baz"}],"Delete":[{"dnsName":"qux"}]}""";

        var changes = await WebhookJson.ReadChangesAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), default);

        Assert.Equal(["foo", "bar", "baz", "qux"], new[] { changes.Create, changes.UpdateOld, changes.UpdateNew, changes.Delete }.Select(l => Assert.Single(l).DnsName));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"dnsName\":\"a\"}")]
    [InlineData("[null]")]
    [InlineData("[{\"recordTTL\":\"300\"}]")]
    [InlineData("[{\"recordTTL\":1.5}]")]
    public async Task Anything_but_an_endpoint_list_is_refused(string json) =>
        await Assert.ThrowsAnyAsync<JsonException>(() => WebhookJson.ReadEndpointsAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), default));

    [Fact]
    public async Task A_domain_filter_is_read_in_either_shape()
    {
        var list = await ReadFilter("""{"include":["example.org"],"exclude":["private.example.org"]}""");
        var regex = await ReadFilter("""{"regexInclude":"\\.example\\.org$","regexExclude":""}""");
        var empty = await ReadFilter("{}");

        Assert.True(list.Match("www.example.org"));
        Assert.False(list.Match("db.private.example.org"));
        Assert.False(list.Match("example.com"));
        Assert.True(regex.IsRegex);
        Assert.True(regex.Match("www.example.org"));
        Assert.False(regex.Match("example.com"));
        Assert.False(empty.IsConfigured);
    }

    [Theory]
    [InlineData("""{"include":["example.org"],"regexInclude":"x"}""")]
    [InlineData("""{"regexInclude":"(unclosed"}""")]
    [InlineData("""["example.org"]""")]
    public async Task A_domain_filter_that_is_not_one_is_refused(string json) =>
        await Assert.ThrowsAnyAsync<JsonException>(() => ReadFilter(json));

    private static Task<DomainFilter> ReadFilter(string json) => WebhookJson.ReadDomainFilterAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), default);
}

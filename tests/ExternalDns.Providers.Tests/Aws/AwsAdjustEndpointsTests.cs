using ExternalDns.Core.Endpoints;
using ExternalDns.Providers.Aws;
using ExternalDns.Testing;

namespace ExternalDns.Providers.Tests.Aws;

public sealed class AwsAdjustEndpointsTests
{
    [Theory]
    [InlineData("my-alb-1.us-east-1.elb.amazonaws.com", "Z35SXDOTRQ7X7K")]
    [InlineData("dualstack.k8s-web-0123.eu-west-1.elb.amazonaws.com.", "Z32O12XQLNTSW2")]
    [InlineData("net-lb-0123.elb.eu-west-1.amazonaws.com", "Z2IFOLAFXWLO4F")]
    [InlineData("abc.execute-api.us-east-1.amazonaws.com", "Z1UJRXOUMOOFQ8")]
    [InlineData("d111111abcdef8.cloudfront.net", "Z2FDTNDATAQYW2")]
    [InlineData("a1234567890abcdef.awsglobalaccelerator.com", "Z2BJ6XQ5FK7U4H")]
    [InlineData("my-bucket.s3-website-us-east-1.amazonaws.com", "Z3AQBSTGFYJSTF")]
    [InlineData("my-bucket.s3-website.eu-central-1.amazonaws.com", "Z21DNDUVLTQW6Q")]
    [InlineData("vpce-0123-abcd.vpce-svc-0123.us-east-1.vpce.amazonaws.com", "Z7HUB22UULQXV")]
    [InlineData("lb.cn-north-1.elb.amazonaws.com.cn", "Z1GDH35T77C1KE")]
    [InlineData("lb.mars-central-1.elb.amazonaws.com", null)]
    [InlineData("www.example.net", null)]
    public void Canonical_hosted_zones_by_host_name(string hostname, string? zone) =>
        Assert.Equal(zone, AwsCanonicalHostedZones.Find(hostname));

    [Fact]
    public void Cname_to_an_aws_endpoint_becomes_a_and_aaaa_alias_as_route53_reports_them()
    {
        var log = new ListLogger<AwsProvider>();
        var adjuster = new AwsEndpointAdjuster(new AwsProviderOptions(), log);
        var input = new Endpoint("app.example.org", "CNAME", "my-alb.us-east-1.elb.amazonaws.com").WithProviderSpecific("cloudflare-proxied", "true");
        input.RecordTtl = 60;

        var result = adjuster.Adjust([input], []);

        Assert.Equal(["A", "AAAA"], result.Select(e => e.RecordType));
        Assert.All(result, e =>
        {
            Assert.Equal(300, e.RecordTtl);
            Assert.Equal([("alias", "true"), ("aws/evaluate-target-health", "true")], e.ProviderSpecific.Select(p => (p.Name, p.Value)).Order());
        });
        Assert.Equal("CNAME", input.RecordType); // the input is not changed
    }

    [Fact]
    public void Routing_properties_are_normalised_and_need_a_set_identifier()
    {
        var log = new ListLogger<AwsProvider>();
        var adjuster = new AwsEndpointAdjuster(new AwsProviderOptions(), log);
        var result = adjuster.Adjust(
        [
            new Endpoint("w.example.org", "A", "192.0.2.1").WithSetIdentifier("a").WithProviderSpecific("aws/weight", " 007"),
            new Endpoint("f.example.org", "A", "192.0.2.1").WithSetIdentifier("b").WithProviderSpecific("aws/failover", "secondary"),
            new Endpoint("m.example.org", "A", "192.0.2.1").WithSetIdentifier("c").WithProviderSpecific("aws/multi-value-answer", "true"),
            new Endpoint("p.example.org", "A", "192.0.2.1").WithSetIdentifier("d").WithProviderSpecific("aws/geoproximity-coordinates", " 10.5 , -20 "),
            new Endpoint("n.example.org", "A", "192.0.2.1").WithProviderSpecific("aws/weight", "10"),
            new Endpoint("t.example.org", "TXT", "hello"),
            new Endpoint("c.example.org", "CNAME", "www.example.net"),
        ], []);

        Assert.Equal("7", result[0].GetProviderSpecific("aws/weight"));
        Assert.Equal("SECONDARY", result[1].GetProviderSpecific("aws/failover"));
        Assert.Equal(string.Empty, result[2].GetProviderSpecific("aws/multi-value-answer"));
        Assert.Equal(("10.5,-20", "0"), (result[3].GetProviderSpecific("aws/geoproximity-coordinates"), result[3].GetProviderSpecific("aws/geoproximity-bias")));
        Assert.Empty(result[4].ProviderSpecific);
        Assert.Contains(log.Messages, m => m.Contains("aws/weight", StringComparison.Ordinal) && m.Contains("set-identifier", StringComparison.Ordinal));
        Assert.Equal(["\"hello\""], result[5].Targets);
        Assert.Equal("false", result[6].GetProviderSpecific("alias"));
    }

    [Fact]
    public void A_policy_change_needs_a_delete_and_create_but_a_weight_change_does_not()
    {
        var weighted = new Endpoint("w.example.org", "A", "192.0.2.1").WithSetIdentifier("a").WithProviderSpecific("aws/weight", "10");
        var reweighted = new Endpoint("w.example.org", "A", "192.0.2.1").WithSetIdentifier("a").WithProviderSpecific("aws/weight", "20");
        var regional = new Endpoint("w.example.org", "A", "192.0.2.1").WithSetIdentifier("a").WithProviderSpecific("aws/region", "eu-west-1");
        var proximity = new Endpoint("w.example.org", "A", "192.0.2.1").WithSetIdentifier("a").WithProviderSpecific("aws/geoproximity-region", "eu-west-1");
        Assert.False(AwsProvider.RequiresDeleteCreate(weighted, reweighted));
        Assert.True(AwsProvider.RequiresDeleteCreate(weighted, regional));
        Assert.True(AwsProvider.RequiresDeleteCreate(regional, proximity));
        Assert.True(AwsProvider.RequiresDeleteCreate(weighted, new Endpoint("w.example.org", "A", "192.0.2.1").WithSetIdentifier("b").WithProviderSpecific("aws/weight", "10")));
    }
}

using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Sources;
using ExternalDns.Core.Tests.Controller;

namespace ExternalDns.Core.Tests.Sources;

public class SourcePipelineTests
{
    private static async Task<SourceResult> RunAsync(SourcePipeline pipeline) => await pipeline.EndpointsAsync(CancellationToken.None);

    [Fact]
    public async Task Prefer_alias_marks_cnames_that_do_not_say_otherwise_and_nothing_else()
    {
        var source = new ScriptedSource
        {
            Endpoints =
            [
                new Endpoint("www.example.org", RecordTypes.CNAME, "lb.example.net"),
                new Endpoint("keep.example.org", RecordTypes.CNAME, "lb.example.net").WithProviderSpecific("alias", "false"),
                new Endpoint("app.example.org", RecordTypes.A, "192.0.2.1"),
            ],
        };

        var result = await RunAsync(new SourcePipeline([source], TimeSpan.Zero) { PreferAlias = true });

        Assert.Equal("true", result.Endpoints.Single(e => e.DnsName == "www.example.org").GetProviderSpecific("alias"));
        Assert.Equal("false", result.Endpoints.Single(e => e.DnsName == "keep.example.org").GetProviderSpecific("alias"));
        Assert.Null(result.Endpoints.Single(e => e.DnsName == "app.example.org").GetProviderSpecific("alias"));
    }

    [Fact]
    public async Task Without_prefer_alias_cnames_stay_as_they_are()
    {
        var source = new ScriptedSource { Endpoints = [new Endpoint("www.example.org", RecordTypes.CNAME, "lb.example.net")] };

        var result = await RunAsync(new SourcePipeline([source], TimeSpan.Zero));

        Assert.Null(Assert.Single(result.Endpoints).GetProviderSpecific("alias"));
    }

    [Fact]
    public async Task Min_ttl_fills_only_unset_ttls_and_exact_duplicates_across_sources_are_dropped()
    {
        var a = new ScriptedSource { Endpoints = [new Endpoint("app.example.org", RecordTypes.A, 0, ["192.0.2.1"]), new Endpoint("ttl.example.org", RecordTypes.A, 60, ["192.0.2.2"])] };
        var b = new ScriptedSource { Endpoints = [new Endpoint("APP.example.org", RecordTypes.A, 0, ["192.0.2.1"])] };

        var result = await RunAsync(new SourcePipeline([a, b], TimeSpan.FromSeconds(300)));

        Assert.Equal(2, result.Endpoints.Count);
        Assert.Equal(300, result.Endpoints.Single(e => e.DnsName == "app.example.org").RecordTtl);
        Assert.Equal(60, result.Endpoints.Single(e => e.DnsName == "ttl.example.org").RecordTtl);
    }
}

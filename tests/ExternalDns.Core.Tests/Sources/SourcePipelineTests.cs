using System.Globalization;
using System.Net;
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

    [Fact]
    public async Task The_sources_endpoints_are_never_changed_every_stage_changes_a_copy()
    {
        // A source that hands out the same instances on every pass (as the Kubernetes source does for unchanged names).
        Endpoint Resolve(string name)
        {
            var e = new Endpoint(name, RecordTypes.CNAME, "lb.example.net").WithProviderSpecific(HostnameTargets.ResolveProperty, "true");
            e.Labels[Labels.ResourceKey] = "service/default/" + name[..name.IndexOf('.', StringComparison.Ordinal)];
            return e;
        }

        var mixed = new Endpoint("mixed.example.org", RecordTypes.A, 0, ["203.0.113.1"]);
        mixed.Labels[Labels.ResourceKey] = "service/default/mixed";
        var source = new SharedSource(
        [
            Resolve("lb.example.org"),
            mixed,
            Resolve("mixed.example.org"),
            new Endpoint("ptr.example.org", RecordTypes.A, 0, ["192.0.2.7"]).WithProviderSpecific(PtrRecords.RecordTypeProperty, "ptr"),
            new Endpoint("filtered.example.org", RecordTypes.A, 0, ["192.0.2.8", "198.51.100.8"]),
            new Endpoint("www.example.org", RecordTypes.CNAME, "lb.example.net"),
            new Endpoint("v6.example.org", RecordTypes.AAAA, 0, ["64:ff9b::c000:209"]),
        ]);
        var before = Render(source.Endpoints);
        var pipeline = new SourcePipeline([source], TimeSpan.FromSeconds(300))
        {
            HostnameResolver = new OneAddress(IPAddress.Parse("192.0.2.5")),
            PreferAlias = true,
            PtrManaged = true,
            TargetFilter = new TargetNetFilter([IPNetwork.Parse("192.0.2.0/24"), IPNetwork.Parse("203.0.113.0/24"), IPNetwork.Parse("64:ff9b::/96")], []),
            Nat64Networks = [IPNetwork.Parse("64:ff9b::/96")],
        };

        async Task<string> TwiceAsync(SourcePipeline pipeline)
        {
            var first = Render((await RunAsync(pipeline)).Endpoints);
            var second = Render((await RunAsync(pipeline)).Endpoints);
            Assert.Equal(before, Render(source.Endpoints));
            Assert.Equal(first, second);
            return first;
        }

        var first = await TwiceAsync(pipeline);
        var unfiltered = await TwiceAsync(new SourcePipeline([source], TimeSpan.Zero) { PreferAlias = true });

        // Every stage did change something (else the test proves nothing).
        Assert.Contains("mixed.example.org A ttl=300 [203.0.113.1,192.0.2.5]", first, StringComparison.Ordinal);
        Assert.Contains("filtered.example.org A ttl=300 [192.0.2.8]", first, StringComparison.Ordinal);
        Assert.Contains("7.2.0.192.in-addr.arpa PTR", first, StringComparison.Ordinal);
        Assert.Contains("v6.example.org A ttl=300 [192.0.2.9]", first, StringComparison.Ordinal);
        Assert.Contains("www.example.org CNAME ttl=0 [lb.example.net] alias=true", unfiltered, StringComparison.Ordinal);
        Assert.DoesNotContain(HostnameTargets.ResolveProperty, first, StringComparison.Ordinal);
        Assert.DoesNotContain(PtrRecords.RecordTypeProperty + "=", first, StringComparison.Ordinal);
    }

    private static string Render(IEnumerable<Endpoint> endpoints) => string.Join('\n', endpoints.Select(e => string.Create(CultureInfo.InvariantCulture,
        $"{e.DnsName} {e.RecordType} ttl={e.RecordTtl} [{string.Join(',', e.Targets)}] {string.Join(',', e.ProviderSpecific.Select(p => p.Name + "=" + p.Value))} {string.Join(',', e.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value))}")));

    private sealed class SharedSource(List<Endpoint> endpoints) : ISource
    {
        public string Name => "shared";

        public List<Endpoint> Endpoints => endpoints;

        public Task<SourceResult> EndpointsAsync(CancellationToken cancellationToken) => Task.FromResult(new SourceResult([.. endpoints]));
    }

    private sealed class OneAddress(IPAddress address) : IHostnameResolver
    {
        public Task<IReadOnlyList<IPAddress>> ResolveAsync(string hostname, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<IPAddress>>([address]);
    }
}

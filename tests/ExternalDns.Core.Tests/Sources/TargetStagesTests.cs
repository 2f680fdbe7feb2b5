using System.Net;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Sources;
using ExternalDns.Core.Tests.Controller;

namespace ExternalDns.Core.Tests.Sources;

/// <summary>The pipeline stages of <c>--nat64-networks</c>, <c>--target-net-filter</c>/<c>--exclude-target-net</c> and PTR records.</summary>
public class TargetStagesTests
{
    private static IPNetwork Net(string text)
    {
        Assert.True(Cidr.TryParse(text, out var n), text);
        return n;
    }

    private static async Task<IReadOnlyList<Endpoint>> RunAsync(SourcePipeline pipeline) => (await pipeline.EndpointsAsync(CancellationToken.None)).Endpoints;

    [Theory]
    [InlineData("10.1.2.3/8", "10.0.0.0/8")]
    [InlineData("2001:db8::1/32", "2001:db8::/32")]
    [InlineData("192.0.2.7/32", "192.0.2.7/32")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    public void Cidr_masks_host_bits_as_go(string text, string expected) => Assert.Equal(expected, Net(text).ToString());

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("2001:db8::/129")]
    [InlineData("10.0.0.0")]
    [InlineData("/8")]
    [InlineData("host/8")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("")]
    public void Cidr_refuses_what_go_refuses(string text) => Assert.False(Cidr.TryParse(text, out _));

    [Theory]
    [InlineData("192.0.2.10", "10.2.0.192.in-addr.arpa")]
    [InlineData("2001:db8::10", "0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa")]
    public void Reverse_names_as_rfc_1035_and_3596(string ip, string expected) => Assert.Equal(expected, ReverseNames.For(IPAddress.Parse(ip)));

    [Fact]
    public void Target_filter_keeps_inside_the_filter_and_outside_the_exclusions()
    {
        var filter = new TargetNetFilter([Net("10.0.0.0/8")], [Net("10.1.0.0/16")]);
        Assert.True(filter.Matches("10.2.3.4"));
        Assert.False(filter.Matches("10.1.3.4"));
        Assert.False(filter.Matches("192.0.2.1"));
        Assert.False(filter.Matches("lb.example.net")); // not an address: in no network

        var excludeOnly = new TargetNetFilter([], [Net("10.0.0.0/8")]);
        Assert.True(excludeOnly.Matches("lb.example.net"));
        Assert.True(excludeOnly.Matches("192.0.2.1"));
        Assert.False(excludeOnly.Matches("10.0.0.1"));
        Assert.False(new TargetNetFilter([], []).IsEnabled);
    }

    [Fact]
    public async Task The_filter_drops_targets_and_endpoints_left_without_any()
    {
        var source = new ScriptedSource
        {
            Endpoints =
            [
                new Endpoint("mixed.example.org", RecordTypes.A, 0, ["10.0.0.1", "192.0.2.1"]),
                new Endpoint("gone.example.org", RecordTypes.A, 0, ["192.0.2.2"]),
                new Endpoint("cname.example.org", RecordTypes.CNAME, "lb.example.net"),
            ],
        };

        var result = await RunAsync(new SourcePipeline([source], TimeSpan.Zero) { TargetFilter = new TargetNetFilter([Net("10.0.0.0/8")], []) });

        var kept = Assert.Single(result);
        Assert.Equal("mixed.example.org", kept.DnsName);
        Assert.Equal("10.0.0.1", string.Join(',', kept.Targets));
    }

    [Fact]
    public async Task Nat64_adds_an_a_copy_for_targets_in_a_prefix_only()
    {
        var aaaa = new Endpoint("v6.example.org", RecordTypes.AAAA, 60, ["64:ff9b::c000:201", "2001:db8::1"]);
        aaaa.Labels[Labels.ResourceKey] = "service/default/v6";
        var source = new ScriptedSource { Endpoints = [aaaa, new Endpoint("plain.example.org", RecordTypes.AAAA, 60, ["2001:db8::2"])] };

        var result = await RunAsync(new SourcePipeline([source], TimeSpan.Zero) { Nat64Networks = Nat64Records.ParsePrefixes(["64:ff9b::/96"]) });

        Assert.Equal(3, result.Count);
        var a = Assert.Single(result, e => e.RecordType == RecordTypes.A);
        Assert.Equal("v6.example.org", a.DnsName);
        Assert.Equal("192.0.2.1", string.Join(',', a.Targets));
        Assert.Equal(60, a.RecordTtl);
        Assert.Equal("service/default/v6", a.Labels.Resource);
        Assert.Equal("64:ff9b::c000:201,2001:db8::1", string.Join(',', result.Single(e => e.DnsName == "v6.example.org" && e.RecordType == RecordTypes.AAAA).Targets));
    }

    [Theory]
    [InlineData("64:ff9b::/64")]
    [InlineData("10.0.0.0/8")]
    [InlineData("64:ff9b::")]
    public void Nat64_prefixes_must_be_ipv6_slash_96(string value) => Assert.Throws<FormatException>(() => Nat64Records.ParsePrefixes([value]));

    [Fact]
    public async Task Ptr_records_group_names_per_address_take_the_lowest_ttl_and_honour_the_annotation()
    {
        var source = new ScriptedSource
        {
            Endpoints =
            [
                new Endpoint("web.example.org", RecordTypes.A, 300, ["192.0.2.10"]),
                new Endpoint("api.example.org", RecordTypes.A, 60, ["192.0.2.10"]),
                new Endpoint("optout.example.org", RecordTypes.A, 0, ["192.0.2.11"]).WithProviderSpecific("record-type", ""),
                new Endpoint("*.wild.example.org", RecordTypes.A, 0, ["192.0.2.12"]),
                new Endpoint("v6.example.org", RecordTypes.AAAA, 0, ["2001:db8::10"]),
                new Endpoint("alias.example.org", RecordTypes.CNAME, "web.example.org").WithProviderSpecific("record-type", "ptr"),
            ],
        };
        var warnings = new List<string>();

        var result = await RunAsync(new SourcePipeline([source], TimeSpan.Zero) { PtrManaged = true, CreatePtr = true, Warn = warnings.Add });

        var ptrs = result.Where(e => e.RecordType == RecordTypes.PTR).ToList();
        Assert.Equal(2, ptrs.Count);
        var v4 = ptrs.Single(p => p.DnsName == "10.2.0.192.in-addr.arpa");
        Assert.Equal("web.example.org,api.example.org", string.Join(',', v4.Targets));
        Assert.Equal(60, v4.RecordTtl);
        Assert.Contains(ptrs, p => p.DnsName.EndsWith(".8.b.d.0.1.0.0.2.ip6.arpa", StringComparison.Ordinal));
        Assert.All(result, e => Assert.Null(e.GetProviderSpecific("record-type"))); // a request to the stage, never a property
        Assert.Contains("CNAME record alias.example.org", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_create_ptr_only_the_annotation_asks_and_without_ptr_managed_nothing_is_made()
    {
        Endpoint[] Endpoints() =>
        [
            new Endpoint("asks.example.org", RecordTypes.A, 0, ["192.0.2.20"]).WithProviderSpecific("record-type", "PTR"),
            new Endpoint("plain.example.org", RecordTypes.A, 0, ["192.0.2.21"]),
        ];

        var asked = await RunAsync(new SourcePipeline([new ScriptedSource { Endpoints = [.. Endpoints()] }], TimeSpan.Zero) { PtrManaged = true });
        Assert.Equal("20.2.0.192.in-addr.arpa", Assert.Single(asked, e => e.RecordType == RecordTypes.PTR).DnsName);

        var unmanaged = await RunAsync(new SourcePipeline([new ScriptedSource { Endpoints = [.. Endpoints()] }], TimeSpan.Zero));
        Assert.DoesNotContain(unmanaged, e => e.RecordType == RecordTypes.PTR);
        Assert.All(unmanaged, e => Assert.Null(e.GetProviderSpecific("record-type")));
    }

    private sealed class MapResolver(Dictionary<string, string[]> answers) : IHostnameResolver
    {
        public int Calls { get; private set; }

        public Task<IReadOnlyList<IPAddress>> ResolveAsync(string hostname, CancellationToken cancellationToken)
        {
            Calls++;
            return answers.TryGetValue(hostname, out var ips)
                ? Task.FromResult<IReadOnlyList<IPAddress>>([.. ips.Select(IPAddress.Parse)])
                : throw new InvalidOperationException($"{hostname}: NXDOMAIN");
        }
    }

    [Fact]
    public async Task Marked_host_names_become_addresses_merged_per_name_and_a_failure_keeps_the_resource_unresolved()
    {
        Endpoint Marked(string name, string target, string resource)
        {
            var e = new Endpoint(name, RecordTypes.CNAME, target).WithProviderSpecific(HostnameTargets.ResolveProperty, "true");
            e.Labels[Labels.ResourceKey] = resource;
            return e;
        }

        var ownIp = new Endpoint("mixed.example.org", RecordTypes.A, 0, ["203.0.113.1"]);
        ownIp.Labels[Labels.ResourceKey] = "service/default/mixed";
        var source = new ScriptedSource
        {
            Endpoints =
            [
                Marked("lb.example.org", "lb.example.net", "service/default/lb"),
                ownIp,
                Marked("mixed.example.org", "lb.example.net", "service/default/mixed"),
                Marked("broken.example.org", "gone.example.net", "service/default/broken"),
                new Endpoint("plain.example.org", RecordTypes.CNAME, "lb.example.net"),
            ],
        };
        var resolver = new MapResolver(new() { ["lb.example.net"] = ["192.0.2.5", "2001:db8::5"] });
        var warnings = new List<string>();

        var result = await new SourcePipeline([source], TimeSpan.Zero) { HostnameResolver = resolver, Warn = warnings.Add }.EndpointsAsync(CancellationToken.None);

        var e = result.Endpoints;
        Assert.Equal("192.0.2.5", string.Join(',', e.Single(x => x.DnsName == "lb.example.org" && x.RecordType == RecordTypes.A).Targets));
        Assert.Equal("2001:db8::5", string.Join(',', e.Single(x => x.DnsName == "lb.example.org" && x.RecordType == RecordTypes.AAAA).Targets));
        Assert.Equal("203.0.113.1,192.0.2.5", string.Join(',', e.Single(x => x.DnsName == "mixed.example.org" && x.RecordType == RecordTypes.A).Targets));
        Assert.DoesNotContain(e, x => x.DnsName == "broken.example.org");
        Assert.True(result.IsUnresolved("service/default/broken"));
        Assert.False(result.IsUnresolved("service/default/lb"));
        Assert.Equal(RecordTypes.CNAME, e.Single(x => x.DnsName == "plain.example.org").RecordType); // not marked: as it was
        Assert.All(e, x => Assert.Null(x.GetProviderSpecific(HostnameTargets.ResolveProperty)));
        Assert.Contains("gone.example.net", Assert.Single(warnings), StringComparison.Ordinal);
        Assert.Equal(2, resolver.Calls); // one lookup per name per reconcile
    }
}

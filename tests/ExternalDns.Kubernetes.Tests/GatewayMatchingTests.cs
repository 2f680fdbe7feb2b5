using ExternalDns.Kubernetes.Sources;

namespace ExternalDns.Kubernetes.Tests;

/// <summary>Upstream's source/gateway_test.go tables: host intersection, protocol compatibility, RFC 1123 domains.</summary>
public sealed class GatewayMatchingTests
{
    [Theory]
    [InlineData("ipv4-rejected", "1.2.3.4", "", null)]
    [InlineData("ipv6-rejected", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "", null)]
    [InlineData("empty-matches-empty", "", "", "")]
    [InlineData("empty-matches-nonempty", "example.net", "", "example.net")]
    [InlineData("simple-match", "example.net", "example.net", "example.net")]
    [InlineData("wildcard-matches-longer", "*.example.net", "test.example.net", "test.example.net")]
    [InlineData("wildcard-matches-equal-length", "*.example.net", "a.example.net", "a.example.net")]
    [InlineData("wildcard-matches-multiple-subdomains", "*.example.net", "foo.bar.test.example.net", "foo.bar.test.example.net")]
    [InlineData("wildcard-doesnt-match-parent", "*.example.net", "example.net", null)]
    [InlineData("wildcard-must-be-complete-label", "*example.net", "test.example.net", null)]
    [InlineData("lower-cased", "Example.NET", "", "example.net")]
    public void MatchingHost_is_symmetric_and_as_upstream(string description, string a, string b, string? host)
    {
        Assert.True(GatewayMatching.MatchingHost(a, b) == host, $"{description}: ({a}, {b})");
        Assert.True(GatewayMatching.MatchingHost(b, a) == host, $"{description}: ({b}, {a})");
    }

    [Theory]
    [InlineData("HTTP", "HTTPS", true)]
    [InlineData("TCP", "HTTPS", false)]
    [InlineData("TLS", "TLS", true)]
    [InlineData("TCP", "TLS", true)]
    [InlineData("TLS", "TCP", false)]
    [InlineData("HTTPS", "HTTP", true)]
    [InlineData("UDP", "TCP", false)]
    public void ProtocolMatches_as_upstream(string route, string listener, bool ok) =>
        Assert.Equal(ok, GatewayMatching.ProtocolMatches(route, listener));

    public static TheoryData<string, string, bool> Domains() => new()
    {
        { "empty", string.Empty, false },
        { "label-too-long", new string('x', 64) + ".example.net", false },
        { "domain-too-long", string.Concat(Enumerable.Repeat("testing.", 256 / "testing.".Length)) + "example.net", false },
        { "hostname", "example", true },
        { "domain", "example.net", true },
        { "subdomain", "test.example.net", true },
        { "dashes", "test-with-dash.example.net", true },
        { "dash-prefix", "-dash-prefix.example.net", false },
        { "dash-suffix", "dash-suffix-.example.net", false },
        { "underscore", "under_score.example.net", false },
        { "plus", "pl+us.example.net", false },
        { "brackets", "bra[k]ets.example.net", false },
        { "parens", "pa[re]ns.example.net", false },
        { "wild", "*.example.net", false },
    };

    [Theory]
    [MemberData(nameof(Domains))]
    public void IsDns1123Domain_as_upstream(string description, string input, bool ok) =>
        Assert.True(GatewayMatching.IsDns1123Domain(input) == ok, description);
}

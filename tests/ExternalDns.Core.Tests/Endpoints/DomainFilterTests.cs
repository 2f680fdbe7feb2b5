using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Tests.Endpoints;

/// <summary>Upstream's domain filter semantics (endpoint/domain_filter_test.go cases, restated).</summary>
public class DomainFilterTests
{
    [Theory]
    [InlineData("example.org", "example.org", true)]
    [InlineData("example.org", "foo.example.org", true)]
    [InlineData("example.org", "foo.bar.example.org", true)]
    [InlineData("example.org", "fooexample.org", false)]
    [InlineData("example.org", "example.org.", true)]
    [InlineData("example.org", "FOO.Example.ORG", true)]
    [InlineData("example.org.", "foo.example.org", true)]
    [InlineData(".example.org", "foo.example.org", true)]
    [InlineData(".example.org", "example.org", false)]
    [InlineData("bücher.example", "xn--bcher-kva.example", true)]
    [InlineData("xn--bcher-kva.example", "www.bücher.example", true)]
    [InlineData("example.org", "example.com", false)]
    public void Include_list(string filter, string name, bool expected) =>
        Assert.Equal(expected, new DomainFilter([filter]).Match(name));

    [Fact]
    public void Empty_filter_matches_everything()
    {
        Assert.True(DomainFilter.All.Match("anything.at.all"));
        Assert.False(DomainFilter.All.IsConfigured);
        Assert.True(new DomainFilter(["", "  "]).Match("x.org"));
    }

    [Theory]
    [InlineData("foo.domain.tld", true)]
    [InlineData("domain.tld", true)]
    [InlineData("ex.domain.tld", false)]
    [InlineData("foo.ex.domain.tld", false)]
    [InlineData("other.tld", false)]
    public void Exclusions_are_subtracted(string name, bool expected) =>
        Assert.Equal(expected, new DomainFilter(["domain.tld"], ["ex.domain.tld"]).Match(name));

    [Fact]
    public void Exclusions_alone_match_everything_else()
    {
        var f = new DomainFilter([], ["internal.example.org"]);
        Assert.True(f.Match("www.example.org"));
        Assert.False(f.Match("db.internal.example.org"));
    }

    [Theory]
    [InlineData(@"^[a-z]+\.example\.org$", null, "www.example.org", true)]
    [InlineData(@"^[a-z]+\.example\.org$", null, "a.b.example.org", false)]
    [InlineData(@"example\.org$", @"^internal\.", "internal.example.org", false)]
    [InlineData(null, @"^internal\.", "internal.example.org", false)]
    [InlineData(null, @"^internal\.", "www.example.org", true)]
    public void Regex_pair(string? include, string? exclude, string name, bool expected) =>
        Assert.Equal(expected, DomainFilter.FromRegex(include, exclude).Match(name));

    [Fact]
    public void Regex_filters_replace_the_lists()
    {
        var f = DomainFilter.FromFlags(["example.com"], [], @"\.example\.org$", null);
        Assert.True(f.Match("www.example.org"));
        Assert.False(f.Match("www.example.com"));
    }

    [Theory]
    [InlineData("example.org", true)]
    [InlineData("org", true)]
    [InlineData("sub.example.org", false)]
    public void Match_parent_accepts_zones_above_the_filter(string zone, bool expected) =>
        Assert.Equal(expected, new DomainFilter(["sub.example.org"]).MatchParent(zone));
}

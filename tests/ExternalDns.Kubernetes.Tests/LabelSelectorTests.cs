using ExternalDns.Kubernetes.Sources;

namespace ExternalDns.Kubernetes.Tests;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Labels = new()
    {
        ["app"] = "web",
        ["tier"] = "frontend",
        ["example.com/team"] = "payments",
        ["empty"] = string.Empty,
    };

    [Theory]
    [InlineData("", true)]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app = web", true)]
    [InlineData("app=api", false)]
    [InlineData("app!=api", true)]
    [InlineData("app!=web", false)]
    [InlineData("missing!=x", true)]
    [InlineData("app in (web,api)", true)]
    [InlineData("app in ( api , db )", false)]
    [InlineData("app notin (api,db)", true)]
    [InlineData("missing notin (x)", true)]
    [InlineData("missing in (x)", false)]
    [InlineData("app", true)]
    [InlineData("missing", false)]
    [InlineData("!missing", true)]
    [InlineData("!app", false)]
    [InlineData("example.com/team=payments", true)]
    [InlineData("app=web,tier=frontend", true)]
    [InlineData("app=web,tier=backend", false)]
    [InlineData("app in (web),!missing,tier", true)]
    [InlineData("empty=", true)]
    [InlineData("empty in (,x)", true)]
    public void Matches(string selector, bool expected) =>
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Labels));

    [Theory]
    [InlineData("app=")]
    [InlineData("=web")]
    [InlineData("app in web")]
    [InlineData("app in (web")]
    [InlineData("app>1")]
    [InlineData("app<1")]
    [InlineData("app=we b")]
    [InlineData("app=web,")]
    [InlineData("-app=web")]
    [InlineData("Example.com/team=x")]
    [InlineData("app=-web")]
    [InlineData("app=web!")]
    [InlineData("a/b/c=x")]
    public void Rejects_bad_syntax_except_empty_value(string selector)
    {
        if (selector == "app=")
        {
            Assert.Single(LabelSelector.Parse(selector).Requirements);
            return;
        }

        Assert.Throws<FormatException>(() => LabelSelector.Parse(selector));
    }

    [Fact]
    public void ToString_round_trips()
    {
        var s = LabelSelector.Parse("app in (web,api), !legacy ,tier!=db,x");
        Assert.Equal("app in (web,api),!legacy,tier!=db,x", s.ToString());
        Assert.Equal(s.ToString(), LabelSelector.Parse(s.ToString()).ToString());
    }

    [Fact]
    public void FromSet_matches_all_equalities_and_empty_matches_everything()
    {
        Assert.True(LabelSelector.FromSet(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "frontend" }).Matches(Labels));
        Assert.False(LabelSelector.FromSet(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "x" }).Matches(Labels));
        Assert.True(LabelSelector.FromSet(null).Matches(new Dictionary<string, string>()));
    }
}

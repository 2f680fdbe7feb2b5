using ExternalDns.Core.Configuration;
using ExternalDns.Core.Text;
using ExternalDns.Cli;

namespace ExternalDns.Cli.Tests;

public class FlagParserTests
{
    private static ParsedFlags Parse(params string[] args) => FlagParser.Parse(args, _ => null);

    [Fact]
    public void Defaults_match_upstream()
    {
        var f = Parse();
        Assert.Equal(TimeSpan.FromMinutes(1), f.Duration("interval"));
        Assert.Equal(TimeSpan.FromSeconds(5), f.Duration("min-event-sync-interval"));
        Assert.Equal("txt", f.String("registry"));
        Assert.Equal("default", f.String("txt-owner-id"));
        Assert.Equal(["A", "AAAA", "CNAME"], f.List("managed-record-types"));
        Assert.Equal(50, f.Int("rfc2136-batch-change-size"));
        Assert.Equal("external-dns.kubernetes.io/", f.String("annotation-prefix"));
        Assert.True(f.Bool("exclude-unschedulable"));
        Assert.Equal(":7979", f.String("metrics-address"));
        Assert.Equal("http://localhost:8081", f.String("pdns-server"));
        Assert.False(f.IsSet("policy"));
    }

    [Fact]
    public void List_flags_take_one_value_per_occurrence_as_kingpin()
    {
        var f = Parse("--domain-filter=a.org", "--domain-filter", "c.org");
        Assert.Equal(["a.org", "c.org"], f.List("domain-filter"));

        // A comma belongs to the value: a zone tag whose value has a comma, a template with a comma in an action.
        f = Parse("--aws-zone-tags=team=a,b", "--aws-zone-tags=env", "--fqdn-template={{ replace \", \" \"-\" .Name }}.example.org");
        Assert.Equal(["team=a,b", "env"], f.List("aws-zone-tags"));
        Assert.Equal(["{{ replace \", \" \"-\" .Name }}.example.org"], f.List("fqdn-template"));
    }

    [Fact]
    public void Repeatable_flags_from_the_environment_are_newline_separated()
    {
        var env = new Dictionary<string, string>
        {
            ["EXTERNAL_DNS_AWS_ZONE_TAGS"] = "team=a,b\r\nenv=prod\n",
            ["EXTERNAL_DNS_MANAGED_RECORD_TYPES"] = "A\nTXT",
        };
        var f = FlagParser.Parse([], env.GetValueOrDefault);
        Assert.Equal(["team=a,b", "env=prod"], f.List("aws-zone-tags"));
        Assert.Equal(["A", "TXT"], f.List("managed-record-types"));
    }

    [Fact]
    public void A_comma_list_of_enum_values_is_refused_with_the_upstream_spelling()
    {
        var ex = Assert.Throws<FlagException>(() => Parse("--managed-record-types=A,TXT"));
        Assert.Contains("--managed-record-types: invalid value \"A,TXT\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--managed-record-types=A --managed-record-types=TXT", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Booleans_take_no_prefix_and_explicit_values()
    {
        Assert.True(Parse("--dry-run").Bool("dry-run"));
        Assert.False(Parse("--dry-run", "--no-dry-run").Bool("dry-run"));
        Assert.False(Parse("--no-exclude-unschedulable").Bool("exclude-unschedulable"));
        Assert.False(Parse("--once=false").Bool("once"));
    }

    [Fact]
    public void Environment_sets_flags_and_command_line_wins()
    {
        var env = new Dictionary<string, string>
        {
            ["EXTERNAL_DNS_POLICY"] = "upsert-only",
            ["EXTERNAL_DNS_INTERVAL"] = "2m",
            ["EXTERNAL_DNS_DOMAIN_FILTER"] = "a.org\nb.org",
            ["EXTERNAL_DNS_TXT_OWNER_ID"] = "from-env",
        };
        var f = FlagParser.Parse(["--txt-owner-id=from-cli"], env.GetValueOrDefault);
        Assert.Equal("upsert-only", f.String("policy"));
        Assert.Equal(TimeSpan.FromMinutes(2), f.Duration("interval"));
        Assert.Equal(["a.org", "b.org"], f.List("domain-filter"));
        Assert.Equal("from-cli", f.String("txt-owner-id"));
    }

    [Fact]
    public void Deprecated_aliases_set_the_new_flag()
    {
        Assert.True(Parse("--rfc2136-tsig-axfr").Bool("rfc2136-axfr"));
        Assert.Equal(TimeSpan.FromSeconds(10), Parse("--request-timeout=10s").Duration("kube-api-request-timeout"));
    }

    [Theory]
    [InlineData("--no-such-flag", "unknown flag --no-such-flag")]
    [InlineData("--interval=abc", "--interval: invalid duration \"abc\"")]
    [InlineData("--policy=sometimes", "--policy: invalid value \"sometimes\"")]
    [InlineData("--rfc2136-port=http", "--rfc2136-port: invalid integer")]
    [InlineData("--managed-record-types=BOGUS", "--managed-record-types: invalid value \"BOGUS\"")]
    [InlineData("--once=maybe", "--once: invalid boolean")]
    [InlineData("--provider", "--provider: expected a value")]
    [InlineData("positional", "unexpected argument 'positional'")]
    public void Bad_input_names_the_flag(string arg, string expected)
    {
        var ex = Assert.Throws<FlagException>(() => Parse(arg));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_values_never_appear_in_errors()
    {
        var env = new Dictionary<string, string> { ["EXTERNAL_DNS_ONCE"] = "s3cr3t-value" };
        var ex = Assert.Throws<FlagException>(() => FlagParser.Parse([], env.GetValueOrDefault));
        Assert.Contains("EXTERNAL_DNS_ONCE", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(hidden)", ex.Message, StringComparison.Ordinal);

        // A secret flag's value is hidden even when it is the invalid part.
        var def = FlagCatalog.All.Where(f => f.Secret).ToList();
        Assert.Contains(def, f => f.Name == "pdns-api-key");
        Assert.Contains(def, f => f.Name == "rfc2136-tsig-secret");
        Assert.Contains(def, f => f.Name == "txt-encrypt-aes-key");
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("72", 72)]
    [InlineData("1m12s", 72)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5s", 1.5)]
    [InlineData("250ms", 0.25)]
    public void Go_durations_parse(string text, double seconds)
    {
        Assert.True(GoDuration.TryParseFlag(text, out var d));
        Assert.Equal(seconds, d.TotalSeconds, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1x")]
    [InlineData("m")]
    [InlineData("1m-")]
    public void Bad_durations_are_rejected(string text) => Assert.False(GoDuration.TryParseFlag(text, out _));

    [Fact]
    public void Every_flag_has_a_group_help_and_unique_environment_variable()
    {
        Assert.All(FlagCatalog.All, f =>
        {
            Assert.Contains(f.Group, FlagCatalog.Groups);
            Assert.False(string.IsNullOrWhiteSpace(f.Help));
        });
        Assert.Equal(FlagCatalog.All.Count, FlagCatalog.All.Select(f => f.EnvironmentVariable).Distinct().Count());
    }
}

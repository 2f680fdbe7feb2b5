using System.Globalization;
using ExternalDns.Core.Configuration;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Core.Providers.Modules;
using ExternalDns.Providers.Google;

namespace ExternalDns.Providers.Tests.Google;

/// <summary><see cref="GoogleModule"/>: upstream's flags and defaults, and the checks Bind makes once.</summary>
public sealed class GoogleModuleTests
{
    private static readonly ProviderContext Context = new()
    {
        LoggerFactory = new CapturingLoggerFactory(),
        Time = TimeProvider.System,
        Environment = _ => null,
        DomainFilter = DomainFilter.All,
        Metrics = new MetricRegistry(),
        Http = new ProviderHttpFactory(new MetricRegistry(), TimeProvider.System, new CapturingLoggerFactory()),
    };

    [Fact]
    public void Declares_upstreams_flags_with_upstreams_defaults_and_ours()
    {
        var flags = new GoogleModule().Flags.ToDictionary(f => f.Name);

        Assert.Equal(["google"], new GoogleModule().Names);
        Assert.Equal("", flags["google-project"].Default);
        Assert.Equal("1000", flags["google-batch-change-size"].Default);
        Assert.Equal("1s", flags["google-batch-change-interval"].Default);
        Assert.Equal(FlagKind.Duration, flags["google-batch-change-interval"].Kind);
        Assert.Equal(["", "public", "private"], flags["google-zone-visibility"].Allowed);
        Assert.Equal("https://dns.googleapis.com/dns/v1/", flags["google-api-endpoint"].Default);
        Assert.All(flags.Values, f => Assert.Equal("Google provider", f.Group));
    }

    [Fact]
    public void Binds_the_defaults()
    {
        var options = new GoogleModule().Bind("google", Flags(), Context);

        Assert.Null(options.Project);
        Assert.Equal(1000, options.BatchChangeSize);
        Assert.Equal(TimeSpan.FromSeconds(1), options.BatchChangeInterval);
        Assert.Equal("", options.ZoneVisibility);
        Assert.Empty(options.ZoneIdFilter);
        Assert.Equal(new Uri("https://dns.googleapis.com/dns/v1/"), options.ApiEndpoint);
    }

    [Fact]
    public void Binds_given_values_and_adds_the_trailing_slash_to_the_endpoint()
    {
        var options = new GoogleModule().Bind("google", Flags(
            ("google-project", "dns-project"), ("google-batch-change-size", "50"), ("google-batch-change-interval", "250ms"),
            ("google-zone-visibility", "private"), ("zone-id-filter", "1234,my-zone"), ("google-api-endpoint", "https://dns-psc.p.googleapis.com/dns/v1")), Context);

        Assert.Equal("dns-project", options.Project);
        Assert.Equal(50, options.BatchChangeSize);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.BatchChangeInterval);
        Assert.Equal("private", options.ZoneVisibility);
        Assert.Equal(["1234", "my-zone"], options.ZoneIdFilter);
        Assert.Equal(new Uri("https://dns-psc.p.googleapis.com/dns/v1/"), options.ApiEndpoint);
    }

    [Theory]
    [InlineData("google-batch-change-size", "0", "--google-batch-change-size=0")]
    [InlineData("google-batch-change-interval", "-1s", "--google-batch-change-interval")]
    [InlineData("google-api-endpoint", "ftp://dns.example/", "--google-api-endpoint")]
    [InlineData("google-api-endpoint", "https://user:hunter2@dns.example/dns/v1/", "--google-api-endpoint")]
    [InlineData("google-zone-visibility", "internal", "--google-zone-visibility")]
    public void Rejects_unusable_values_naming_the_flag_and_no_secret(string flag, string value, string named)
    {
        var ex = Assert.Throws<FlagException>(() => new GoogleModule().Bind("google", Flags((flag, value)), Context));

        Assert.StartsWith(named, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
    }

    private static FakeFlags Flags(params (string Name, string Value)[] values)
    {
        var all = new GoogleModule().Flags.ToDictionary(f => f.Name, f => f.Default ?? string.Empty, StringComparer.Ordinal);
        all["zone-id-filter"] = string.Empty;
        foreach (var (name, value) in values)
        {
            all[name] = value;
        }

        return new FakeFlags(all);
    }

    private sealed class FakeFlags(Dictionary<string, string> values) : IFlagValues
    {
        public bool IsSet(string name) => values.ContainsKey(name);

        public string String(string name) => values[name];

        public bool Bool(string name) => bool.Parse(values[name]);

        public int Int(string name) => int.Parse(values[name], CultureInfo.InvariantCulture);

        public TimeSpan Duration(string name)
        {
            var text = values[name];
            var negative = text.StartsWith('-');
            var body = negative ? text[1..] : text;
            var value = body.EndsWith("ms", StringComparison.Ordinal)
                ? TimeSpan.FromMilliseconds(double.Parse(body[..^2], CultureInfo.InvariantCulture))
                : TimeSpan.FromSeconds(double.Parse(body.TrimEnd('s'), CultureInfo.InvariantCulture));
            return negative ? -value : value;
        }

        public IReadOnlyList<string> List(string name) => values[name].Split(',', StringSplitOptions.RemoveEmptyEntries);
    }
}

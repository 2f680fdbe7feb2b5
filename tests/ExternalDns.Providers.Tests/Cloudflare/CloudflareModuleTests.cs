using System.Globalization;
using ExternalDns.Core.Configuration;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Modules;
using ExternalDns.Core.Text;
using ExternalDns.Providers.Cloudflare;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Providers.Tests.Cloudflare;

public sealed class CloudflareModuleTests
{
    private static readonly CloudflareModule Module = new();

    private static ProviderContext Context(params (string Name, string Value)[] environment) => new()
    {
        LoggerFactory = NullLoggerFactory.Instance,
        Time = TimeProvider.System,
        Environment = name => environment.FirstOrDefault(e => e.Name == name).Value,
        DomainFilter = DomainFilter.All,
        Metrics = new MetricRegistry(),
        Http = CloudflareHarness.Http(),
    };

    private static Flags Values(params (string Name, string Value)[] set)
    {
        var values = Module.Flags.ToDictionary(f => f.Name, f => f.Default ?? string.Empty, StringComparer.Ordinal);
        values["zone-id-filter"] = string.Empty;
        values["batch-change-size"] = "200";
        values["batch-change-interval"] = "1s";
        values["annotation-prefix"] = "external-dns.kubernetes.io/";
        foreach (var (name, value) in set)
        {
            values[name] = value;
        }

        return new Flags(values);
    }

    [Fact]
    public void Flags_are_upstreams_with_their_defaults()
    {
        Assert.Equal(["cloudflare"], Module.Names);
        var defaults = Module.Flags.ToDictionary(f => f.Name, f => f.Default);
        Assert.Equal(new Dictionary<string, string?>
        {
            ["cloudflare-proxied"] = "false",
            ["cloudflare-custom-hostnames"] = "false",
            ["cloudflare-custom-hostnames-min-tls-version"] = "1.0",
            ["cloudflare-custom-hostnames-certificate-authority"] = "none",
            ["cloudflare-dns-records-per-page"] = "100",
            ["cloudflare-regional-services"] = "false",
            ["cloudflare-region-key"] = "",
            ["cloudflare-record-comment"] = "",
        }, defaults);
        Assert.All(Module.Flags, f => Assert.Equal("Cloudflare provider", f.Group));
        Assert.Equal(["google", "ssl_com", "lets_encrypt", "none"], Module.Flags.Single(f => f.Name == "cloudflare-custom-hostnames-certificate-authority").Allowed);
    }

    [Fact]
    public void Bind_maps_every_flag_and_reads_the_environment_through_the_context()
    {
        var options = Module.Bind("cloudflare", Values(
            ("cloudflare-proxied", "true"),
            ("cloudflare-record-comment", "hi"),
            ("cloudflare-dns-records-per-page", "5000"),
            ("cloudflare-region-key", " eu "),
            ("cloudflare-custom-hostnames", "true"),
            ("cloudflare-custom-hostnames-min-tls-version", "1.3"),
            ("cloudflare-custom-hostnames-certificate-authority", "google"),
            ("zone-id-filter", "abc,def"),
            ("batch-change-size", "1000"),
            ("batch-change-interval", "250ms"),
            ("annotation-prefix", "custom.io/")),
            Context(("CF_API_TOKEN", "t0k3n"), ("CLOUDFLARE_BASE_URL", "http://127.0.0.1:9/client/v4")));
        Assert.True(options.Proxied);
        Assert.Equal("hi", options.RecordComment);
        Assert.Equal(5000, options.DnsRecordsPerPage);
        Assert.Equal("eu", options.RegionKey);
        Assert.True(options.RegionalServicesEnabled);
        Assert.True(options.CustomHostnames);
        Assert.Equal("1.3", options.CustomHostnamesMinTlsVersion);
        Assert.Equal("google", options.CustomHostnamesCertificateAuthority);
        Assert.Equal(["abc", "def"], options.ZoneIdFilter);
        Assert.Equal(1000, options.BatchChangeSize);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.BatchChangeInterval);
        Assert.Equal("custom.io/", options.AnnotationPrefix);
        Assert.Equal(new Uri("http://127.0.0.1:9/client/v4"), options.BaseUrl);
        Assert.True(options.Credentials!.IsToken);
        Assert.Equal(1000, options.BatchLimit(freeZone: false));
        Assert.Equal(200, options.BatchLimit(freeZone: true));
    }

    [Fact]
    public void Defaults_give_upstreams_behaviour()
    {
        var options = Module.Bind("cloudflare", Values(), Context(("CF_API_KEY", "k"), ("CF_API_EMAIL", "e@x")));
        Assert.Equal(new Uri("https://api.cloudflare.com/client/v4"), options.BaseUrl);
        Assert.False(options.Proxied);
        Assert.False(options.RegionalServicesEnabled);
        Assert.Equal(100, options.DnsRecordsPerPage);
        Assert.Equal(TimeSpan.FromSeconds(1), options.BatchChangeInterval);
        Assert.Equal(200, options.BatchLimit(freeZone: false));
        Assert.False(options.Credentials!.IsToken);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("5001")]
    public void Records_per_page_outside_1_to_5000_is_a_flag_error(string value)
    {
        var ex = Assert.Throws<FlagException>(() => Module.Bind("cloudflare", Values(("cloudflare-dns-records-per-page", value)), Context(("CF_API_TOKEN", "t"))));
        Assert.Contains("--cloudflare-dns-records-per-page=" + value, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_credentials_and_a_bad_base_url_are_configuration_errors()
    {
        var creds = Assert.Throws<ProviderConfigurationException>(() => Module.Bind("cloudflare", Values(), Context()));
        Assert.Contains("CF_API_TOKEN", creds.Message, StringComparison.Ordinal);
        var url = Assert.Throws<ProviderConfigurationException>(() => Module.Bind("cloudflare", Values(), Context(("CF_API_TOKEN", "t"), ("CLOUDFLARE_BASE_URL", "https://user:pw@api.test/"))));
        Assert.Contains("CLOUDFLARE_BASE_URL", url.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw", url.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_builds_a_cloudflare_provider()
    {
        using var provider = Assert.IsType<CloudflareProvider>(Module.Create("cloudflare", Values(), Context(("CF_API_TOKEN", "t"))));
        Assert.Equal("external-dns.kubernetes.io/cloudflare-proxied", provider.PropertyNames.Proxied);
    }

    private sealed class Flags(Dictionary<string, string> values) : IFlagValues
    {
        public bool IsSet(string name) => values.ContainsKey(name);

        public string String(string name) => values[name];

        public bool Bool(string name) => values[name] == "true";

        public int Int(string name) => int.Parse(values[name], CultureInfo.InvariantCulture);

        public TimeSpan Duration(string name) => GoDuration.TryParse(values[name], out var d) ? d : throw new FormatException(name);

        public IReadOnlyList<string> List(string name) => values[name].Length == 0 ? [] : values[name].Split(',');
    }
}

using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Providers;
using ExternalDns.Providers.Cloudflare;
using ExternalDns.Testing.Cloudflare;

namespace ExternalDns.Providers.Tests.Cloudflare;

public sealed class CloudflareZoneSelectionTests
{
    [Fact]
    public async Task Zones_are_listed_in_pages_and_filtered_by_the_domain_filter()
    {
        await using var h = await CloudflareHarness.StartAsync(domainFilter: new DomainFilter(["example.org", "sub.example.net"]));
        for (var i = 0; i < 60; i++)
        {
            h.Server.AddZone($"z{i:00}.example.com");
        }

        var org = h.Server.AddZone("example.org");
        var net = h.Server.AddZone("example.net");
        h.Server.AddRecord(org.Id, "www", "A", "192.0.2.1");
        h.Server.AddRecord(net.Id, "x.sub", "A", "192.0.2.2");

        var endpoints = await h.Provider.RecordsAsync(CancellationToken.None);
        Assert.Equal(["www.example.org", "x.sub.example.net"], endpoints.Select(e => e.DnsName).Order());
        Assert.Equal(2, h.Server.Calls[CloudflareCallCounter.ZonesList]);
        Assert.Equal(2, h.Server.Calls[CloudflareCallCounter.RecordsList]);
        Assert.True(h.Provider.DomainFilter.Match("a.example.org"));
        Assert.False(h.Provider.DomainFilter.Match("a.z01.example.com"));
    }

    [Fact]
    public async Task Zone_id_filter_reads_only_those_zones_and_warns_about_unknown_ids()
    {
        await using var server = await CloudflareApiServer.StartAsync();
        var a = server.AddZone("a.example");
        server.AddZone("b.example");
        server.AddRecord(a.Id, "www", "A", "192.0.2.1");
        var logs = new CloudflareTestLogs();
        var options = new CloudflareProviderOptions
        {
            BaseUrl = server.BaseUrl,
            ZoneIdFilter = [a.Id, "0123456789abcdef0123456789abcdef", ""],
            Http = CloudflareHarness.FastOptions(server).Http,
        };
        using var provider = CloudflareProvider.Create(options, CloudflareCredentials.FromToken(server.Token), DomainFilter.All, logs, CloudflareHarness.Http());
        var endpoints = await provider.RecordsAsync(CancellationToken.None);
        Assert.Equal("www.a.example", Assert.Single(endpoints).DnsName);
        Assert.Equal(0, server.Calls[CloudflareCallCounter.ZonesList]);
        Assert.Equal(2, server.Calls[CloudflareCallCounter.ZonesGet]);
        Assert.Contains(logs.Warnings, w => w.Contains("0123456789abcdef0123456789abcdef", StringComparison.Ordinal) && w.Contains("--zone-id-filter", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_domain_filter_that_matches_no_zone_is_a_warning()
    {
        await using var h = await CloudflareHarness.StartAsync(domainFilter: new DomainFilter(["nothing.test"]));
        h.Server.AddZone("example.org");
        Assert.Empty(await h.Provider.RecordsAsync(CancellationToken.None));
        Assert.Contains(h.Logs.Warnings, w => w.Contains("nothing.test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Records_are_read_in_pages_of_the_configured_size()
    {
        await using var h = await CloudflareHarness.StartAsync(o => new() { BaseUrl = o.BaseUrl, Http = o.Http, DnsRecordsPerPage = 5 });
        var zone = h.Server.AddZone("example.org");
        for (var i = 0; i < 23; i++)
        {
            h.Server.AddRecord(zone.Id, $"h{i:00}", "A", $"192.0.2.{i + 1}");
        }

        var endpoints = await h.Provider.RecordsAsync(CancellationToken.None);
        Assert.Equal(23, endpoints.Count);
        Assert.Equal(5, h.Server.Calls[CloudflareCallCounter.RecordsList]);
        Assert.All(h.Server.Requests.Where(r => r.Operation == CloudflareCallCounter.RecordsList), r => Assert.Contains("per_page=5", r.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_token_is_a_configuration_error_naming_the_variable_never_the_token()
    {
        await using var server = await CloudflareApiServer.StartAsync();
        server.AddZone("example.org");
        var logs = new CloudflareTestLogs();
        var token = CloudflareApiServer.NewToken();
        using var provider = CloudflareProvider.Create(new CloudflareProviderOptions { BaseUrl = server.BaseUrl }, CloudflareCredentials.FromToken(token), DomainFilter.All, logs, CloudflareHarness.Http());
        var ex = await Assert.ThrowsAsync<ProviderConfigurationException>(() => provider.RecordsAsync(CancellationToken.None));
        Assert.Contains("CF_API_TOKEN", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Zone:Read", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, logs.All, StringComparison.Ordinal);
        Assert.Equal(1, server.Calls.Total);
    }

    [Fact]
    public async Task Token_with_zone_read_and_dns_edit_is_enough_for_a_sync()
    {
        await using var server = await CloudflareApiServer.StartAsync(new CloudflareApiServerOptions { TokenPermissions = CloudflarePermissions.ZoneReadDnsEdit });
        var zone = server.AddZone("example.org");
        using var provider = CloudflareProvider.Create(CloudflareHarness.FastOptions(server), CloudflareCredentials.FromToken(server.Token), DomainFilter.All, new CloudflareTestLogs(), CloudflareHarness.Http());
        await provider.RecordsAsync(CancellationToken.None);
        await provider.ApplyChangesAsync(new ExternalDns.Core.Planning.Changes { Create = { new Endpoint("www.example.org", "A", "192.0.2.1") } }, CancellationToken.None);
        Assert.Single(server.Records(zone.Id));

        var saas = CloudflareProvider.Create(new CloudflareProviderOptions { BaseUrl = server.BaseUrl, CustomHostnames = true }, CloudflareCredentials.FromToken(server.Token), DomainFilter.All, new CloudflareTestLogs(), CloudflareHarness.Http());
        using (saas)
        {
            var ex = await Assert.ThrowsAsync<ProviderConfigurationException>(() => saas.RecordsAsync(CancellationToken.None));
            Assert.Contains("SSL and Certificates", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Global_api_key_and_email_work()
    {
        await using var server = await CloudflareApiServer.StartAsync(new CloudflareApiServerOptions { ApiKey = "0123456789abcdef0123456789abcdef01234", ApiEmail = "ops@example.org" });
        server.AddZone("example.org");
        using var provider = CloudflareProvider.Create(new CloudflareProviderOptions { BaseUrl = server.BaseUrl },
            CloudflareCredentials.FromGlobalKey("0123456789abcdef0123456789abcdef01234", "ops@example.org"), DomainFilter.All, new CloudflareTestLogs(), CloudflareHarness.Http());
        Assert.Empty(await provider.RecordsAsync(CancellationToken.None));

        using var wrong = CloudflareProvider.Create(new CloudflareProviderOptions { BaseUrl = server.BaseUrl },
            CloudflareCredentials.FromGlobalKey("ffffffffffffffffffffffffffffffff01234", "ops@example.org"), DomainFilter.All, new CloudflareTestLogs(), CloudflareHarness.Http());
        var ex = await Assert.ThrowsAsync<ProviderConfigurationException>(() => wrong.RecordsAsync(CancellationToken.None));
        Assert.Contains("CF_API_KEY and CF_API_EMAIL", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ffffffffffffffffffffffffffffffff01234", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_api_is_transient()
    {
        var options = new CloudflareProviderOptions
        {
            BaseUrl = new Uri("http://127.0.0.1:1/client/v4"),
            Http = new ExternalDns.Core.Providers.Http.ProviderHttpOptions { Provider = "cloudflare", MaxRetries = 1, InitialBackoff = TimeSpan.FromMilliseconds(1) },
        };
        using var provider = CloudflareProvider.Create(options, CloudflareCredentials.FromToken("abc"), DomainFilter.All, new CloudflareTestLogs(), CloudflareHarness.Http());
        var ex = await Assert.ThrowsAsync<ProviderTransientException>(() => provider.RecordsAsync(CancellationToken.None));
        Assert.Contains("127.0.0.1", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("abc", ex.Message, StringComparison.Ordinal);
    }
}

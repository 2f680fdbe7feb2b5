using ExternalDns.Core.Providers;
using ExternalDns.Providers.Cloudflare;
using ExternalDns.Testing.Cloudflare;

namespace ExternalDns.Providers.Tests.Cloudflare;

public sealed class CloudflareHostnameTests
{
    private const string Custom = "external-dns.kubernetes.io/cloudflare-custom-hostname";
    private const string Region = "external-dns.kubernetes.io/cloudflare-region-key";

    private static CloudflareProviderOptions WithCustomHostnames(CloudflareProviderOptions o) => new()
    {
        BaseUrl = o.BaseUrl,
        Http = o.Http,
        BatchChangeInterval = TimeSpan.Zero,
        CustomHostnames = true,
        CustomHostnamesMinTlsVersion = "1.2",
        CustomHostnamesCertificateAuthority = "google",
    };

    [Fact]
    public async Task Custom_hostnames_follow_the_annotation_and_do_not_loop()
    {
        await using var h = await CloudflareHarness.StartAsync(WithCustomHostnames);
        var zone = h.Server.AddZone("saas.example", CloudflarePlan.Enterprise);
        var origin = CloudflareHarness.Ep("origin.saas.example", "CNAME", "lb.saas.example");
        origin.WithProviderSpecific(Custom, "Shop.Customer.example, b.customer.example,");
        h.Source.Endpoints.Add(origin);

        await h.ReconcileAsync();
        var created = h.Server.CustomHostnames(zone.Id);
        Assert.Equal(["b.customer.example", "shop.customer.example"], created.Select(c => c.Hostname).Order());
        Assert.All(created, c =>
        {
            Assert.Equal("origin.saas.example", c.CustomOriginServer);
            Assert.Equal("http", c.SslMethod);
            Assert.Equal("dv", c.SslType);
            Assert.Equal("1.2", c.MinTlsVersion);
            Assert.Equal("google", c.CertificateAuthority);
        });

        h.Server.Calls.Reset();
        Assert.False((await h.ReconcileAsync()).Plan.Changes.HasChanges);
        Assert.Equal(0, h.Server.Calls.Writes);

        h.Source.Endpoints[0].SetProviderSpecific(Custom, "shop.customer.example");
        await h.ReconcileAsync();
        Assert.Equal("shop.customer.example", Assert.Single(h.Server.CustomHostnames(zone.Id)).Hostname);
        Assert.False((await h.ReconcileAsync()).Plan.Changes.HasChanges);

        h.Source.Endpoints.Clear();
        await h.ReconcileAsync();
        Assert.Empty(h.Server.CustomHostnames(zone.Id));
        Assert.DoesNotContain(h.Server.Records(zone.Id), r => r.Type == "CNAME");
    }

    [Fact]
    public async Task Certificate_authority_none_is_not_sent_and_foreign_custom_hostnames_are_left_alone()
    {
        await using var h = await CloudflareHarness.StartAsync(o => new() { BaseUrl = o.BaseUrl, Http = o.Http, BatchChangeInterval = TimeSpan.Zero, CustomHostnames = true });
        var zone = h.Server.AddZone("saas.example");
        h.Server.AddCustomHostname(zone.Id, "taken.customer.example", "someone-else.saas.example");
        var origin = CloudflareHarness.Ep("origin.saas.example", "A", "192.0.2.10");
        origin.WithProviderSpecific(Custom, "mine.customer.example,taken.customer.example");
        h.Source.Endpoints.Add(origin);

        var ex = await Assert.ThrowsAsync<ProviderTransientException>(h.ReconcileAsync);
        Assert.Contains("taken.customer.example exists already with origin someone-else.saas.example", ex.Message, StringComparison.Ordinal);
        var mine = Assert.Single(h.Server.CustomHostnames(zone.Id), c => c.Hostname == "mine.customer.example");
        Assert.Null(mine.CertificateAuthority);
        Assert.Equal("1.0", mine.MinTlsVersion);
        Assert.Equal("someone-else.saas.example", h.Server.CustomHostnames(zone.Id).Single(c => c.Hostname == "taken.customer.example").CustomOriginServer);
        Assert.Contains(h.Server.Records(zone.Id), r => r.Type == "A" && r.Name == "origin.saas.example");
    }

    [Fact]
    public async Task Custom_hostname_annotation_is_ignored_without_the_flag()
    {
        await using var h = await CloudflareHarness.StartAsync();
        var zone = h.Server.AddZone("saas.example");
        var origin = CloudflareHarness.Ep("origin.saas.example", "A", "192.0.2.10");
        origin.WithProviderSpecific(Custom, "x.customer.example");
        h.Source.Endpoints.Add(origin);
        await h.ReconcileAsync();
        Assert.Empty(h.Server.CustomHostnames(zone.Id));
        Assert.Equal(0, h.Server.Calls[CloudflareCallCounter.CustomHostnamesList]);
        Assert.False((await h.ReconcileAsync()).Plan.Changes.HasChanges);
    }

    [Fact]
    public async Task Regional_hostnames_follow_region_key_flag_and_annotation()
    {
        await using var h = await CloudflareHarness.StartAsync(o => new() { BaseUrl = o.BaseUrl, Http = o.Http, BatchChangeInterval = TimeSpan.Zero, RegionKey = "eu" });
        var zone = h.Server.AddZone("example.org");
        h.Source.Endpoints.Add(CloudflareHarness.Ep("eu.example.org", "A", "192.0.2.1"));
        var us = CloudflareHarness.Ep("us.example.org", "CNAME", "lb.example.net");
        us.WithProviderSpecific(Region, "us");
        h.Source.Endpoints.Add(us);
        h.Source.Endpoints.Add(CloudflareHarness.Ep("mail.example.org", "AAAA", "2001:db8::1"));

        await h.ReconcileAsync();
        var regional = h.Server.RegionalHostnames(zone.Id).ToDictionary(r => r.Hostname, r => r.RegionKey);
        Assert.Equal("eu", regional["eu.example.org"]);
        Assert.Equal("us", regional["us.example.org"]);
        Assert.Equal("eu", regional["mail.example.org"]);

        h.Server.Calls.Reset();
        Assert.False((await h.ReconcileAsync()).Plan.Changes.HasChanges);
        Assert.Equal(0, h.Server.Calls.Writes);

        h.Source.Endpoints[1].SetProviderSpecific(Region, "ca");
        await h.ReconcileAsync();
        Assert.Equal("ca", h.Server.RegionalHostnames(zone.Id).Single(r => r.Hostname == "us.example.org").RegionKey);
        Assert.Equal(1, h.Server.Calls[CloudflareCallCounter.RegionalHostnamesEdit]);

        h.Source.Endpoints.RemoveAt(0);
        await h.ReconcileAsync();
        Assert.DoesNotContain(h.Server.RegionalHostnames(zone.Id), r => r.Hostname == "eu.example.org");
        Assert.False((await h.ReconcileAsync()).Plan.Changes.HasChanges);
    }

    [Fact]
    public async Task Deleting_one_type_keeps_the_regional_hostname_of_the_remaining_one()
    {
        await using var h = await CloudflareHarness.StartAsync(o => new() { BaseUrl = o.BaseUrl, Http = o.Http, BatchChangeInterval = TimeSpan.Zero, RegionalServices = true, RegionKey = "eu" });
        var zone = h.Server.AddZone("example.org");
        h.Source.Endpoints.Add(CloudflareHarness.Ep("dual.example.org", "A", "192.0.2.1"));
        h.Source.Endpoints.Add(CloudflareHarness.Ep("dual.example.org", "AAAA", "2001:db8::1"));
        await h.ReconcileAsync();
        Assert.Single(h.Server.RegionalHostnames(zone.Id));

        h.Source.Endpoints.RemoveAt(0);
        await h.ReconcileAsync();
        Assert.Single(h.Server.RegionalHostnames(zone.Id));
        Assert.DoesNotContain(h.Server.Records(zone.Id), r => r.Type == "A");
    }

    [Fact]
    public async Task Unknown_region_key_is_reported_by_name_and_the_record_still_lands()
    {
        await using var h = await CloudflareHarness.StartAsync(o => new() { BaseUrl = o.BaseUrl, Http = o.Http, BatchChangeInterval = TimeSpan.Zero, RegionKey = "mars" });
        var zone = h.Server.AddZone("example.org");
        h.Source.Endpoints.Add(CloudflareHarness.Ep("web.example.org", "A", "192.0.2.1"));
        var ex = await Assert.ThrowsAsync<ProviderTransientException>(h.ReconcileAsync);
        Assert.Contains("web.example.org (regional hostname:", ex.Message, StringComparison.Ordinal);
        Assert.Contains(h.Server.Records(zone.Id), r => r.Name == "web.example.org");
    }
}

using System.Net;
using ExternalDns.Testing.Cloudflare;

namespace ExternalDns.Testing.Tests.Cloudflare;

public sealed class CloudflareZoneTests : CloudflareEmulatorTestBase
{
    [Fact]
    public async Task Zones_are_paginated_with_result_info()
    {
        for (var i = 0; i < 7; i++)
        {
            Server.AddZone($"zone{i}.example");
        }

        var first = await Client.GetAsync("/zones?per_page=5");
        Assert.Equal(5, first.Result!.AsArray().Count);
        Assert.Equal(1, first.ResultInfo!["page"]!.GetValue<int>());
        Assert.Equal(5, first.ResultInfo["per_page"]!.GetValue<int>());
        Assert.Equal(7, first.ResultInfo["total_count"]!.GetValue<int>());
        Assert.Equal(2, first.ResultInfo["total_pages"]!.GetValue<int>());

        var second = await Client.GetAsync("/zones?per_page=5&page=2");
        Assert.Equal(2, second.Result!.AsArray().Count);
        Assert.Equal(2, second.ResultInfo!["count"]!.GetValue<int>());
        Assert.Equal("zone5.example", second.Result[0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Zone_page_size_is_clamped_to_5_and_50_and_defaults_to_20()
    {
        for (var i = 0; i < 60; i++)
        {
            Server.AddZone($"zone{i}.example");
        }

        Assert.Equal(20, (await Client.GetAsync("/zones")).ResultInfo!["per_page"]!.GetValue<int>());
        Assert.Equal(50, (await Client.GetAsync("/zones?per_page=1000")).Result!.AsArray().Count);
        Assert.Equal(5, (await Client.GetAsync("/zones?per_page=1")).ResultInfo!["per_page"]!.GetValue<int>());
    }

    [Fact]
    public async Task Name_filter_and_zone_details_with_plan()
    {
        var zone = Server.AddZone("example.org", CloudflarePlan.Pro);
        Server.AddZone("example.com");
        var filtered = await Client.GetAsync("/zones?name=example.org");
        var only = Assert.Single(filtered.Result!.AsArray());
        Assert.Equal(zone.Id, only!["id"]!.GetValue<string>());
        Assert.Equal("pro", only["plan"]!["legacy_id"]!.GetValue<string>());

        var details = await Client.GetAsync($"/zones/{zone.Id}");
        Assert.Equal("example.org", details.Result!["name"]!.GetValue<string>());
        Assert.Equal("Pro Website", details.Result["plan"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_zone_id_does_not_route()
    {
        var answer = await Client.GetAsync("/zones/0123456789abcdef0123456789abcdef/dns_records");
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal([7003, 7000], answer.Codes);
    }
}

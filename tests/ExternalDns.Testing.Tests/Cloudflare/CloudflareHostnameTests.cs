using System.Net;
using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Tests.Cloudflare;

public sealed class CloudflareHostnameTests : CloudflareEmulatorTestBase
{
    [Fact]
    public async Task Custom_hostnames_create_list_delete()
    {
        var zone = Server.AddZone("saas.example");
        var created = await Client.PostAsync($"/zones/{zone.Id}/custom_hostnames", new JsonObject
        {
            ["hostname"] = "shop.customer.example",
            ["custom_origin_server"] = "origin.saas.example",
            ["ssl"] = new JsonObject
            {
                ["method"] = "http",
                ["type"] = "dv",
                ["bundle_method"] = "ubiquitous",
                ["certificate_authority"] = "lets_encrypt",
                ["settings"] = new JsonObject { ["min_tls_version"] = "1.2" },
            },
        });
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var id = created.Result!["id"]!.GetValue<string>();
        Assert.Equal(36, id.Length);
        Assert.Equal("http", created.Result["ssl"]!["method"]!.GetValue<string>());
        Assert.Equal("1.2", created.Result["ssl"]!["settings"]!["min_tls_version"]!.GetValue<string>());
        Assert.Equal("origin.saas.example", created.Result["custom_origin_server"]!.GetValue<string>());

        var duplicate = await Client.PostAsync($"/zones/{zone.Id}/custom_hostnames", new JsonObject { ["hostname"] = "shop.customer.example", ["ssl"] = new JsonObject { ["method"] = "http", ["type"] = "dv" } });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.Status);
        Assert.Equal([1406], duplicate.Codes);

        var badCa = await Client.PostAsync($"/zones/{zone.Id}/custom_hostnames", new JsonObject { ["hostname"] = "x.customer.example", ["ssl"] = new JsonObject { ["method"] = "http", ["type"] = "dv", ["certificate_authority"] = "none" } });
        Assert.Equal(HttpStatusCode.BadRequest, badCa.Status);

        var list = await Client.GetAsync($"/zones/{zone.Id}/custom_hostnames");
        Assert.Single(list.Result!.AsArray());
        Assert.Equal(20, list.ResultInfo!["per_page"]!.GetValue<int>());

        var deleted = await Client.SendAsync(HttpMethod.Delete, $"/zones/{zone.Id}/custom_hostnames/{id}");
        Assert.Equal(id, deleted.Result!["id"]!.GetValue<string>());
        Assert.Empty(Server.CustomHostnames(zone.Id));
    }

    [Fact]
    public async Task Custom_hostnames_are_paginated_at_most_50()
    {
        var zone = Server.AddZone("saas.example");
        for (var i = 0; i < 55; i++)
        {
            Server.AddCustomHostname(zone.Id, $"h{i}.customer.example", "origin.saas.example");
        }

        var first = await Client.GetAsync($"/zones/{zone.Id}/custom_hostnames?per_page=100");
        Assert.Equal(50, first.Result!.AsArray().Count);
        Assert.Equal(2, first.ResultInfo!["total_pages"]!.GetValue<int>());
    }

    [Fact]
    public async Task Regional_hostnames_create_list_edit_delete()
    {
        var zone = Server.AddZone("example.org");
        var created = await Client.PostAsync($"/zones/{zone.Id}/addressing/regional_hostnames", new JsonObject { ["hostname"] = "eu.example.org", ["region_key"] = "eu" });
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal("eu", created.Result!["region_key"]!.GetValue<string>());

        var outside = await Client.PostAsync($"/zones/{zone.Id}/addressing/regional_hostnames", new JsonObject { ["hostname"] = "eu.example.com", ["region_key"] = "eu" });
        Assert.Equal(HttpStatusCode.BadRequest, outside.Status);
        var badKey = await Client.PostAsync($"/zones/{zone.Id}/addressing/regional_hostnames", new JsonObject { ["hostname"] = "x.example.org", ["region_key"] = "mars" });
        Assert.Equal(HttpStatusCode.BadRequest, badKey.Status);

        var edited = await Client.SendAsync(HttpMethod.Patch, $"/zones/{zone.Id}/addressing/regional_hostnames/eu.example.org", new JsonObject { ["region_key"] = "us" });
        Assert.Equal("us", edited.Result!["region_key"]!.GetValue<string>());

        var list = await Client.GetAsync($"/zones/{zone.Id}/addressing/regional_hostnames");
        Assert.Equal("us", Assert.Single(list.Result!.AsArray())!["region_key"]!.GetValue<string>());

        var deleted = await Client.SendAsync(HttpMethod.Delete, $"/zones/{zone.Id}/addressing/regional_hostnames/eu.example.org");
        Assert.True(deleted.Success);
        Assert.Empty(Server.RegionalHostnames(zone.Id));
    }
}

using System.Net;
using System.Text.Json.Nodes;
using ExternalDns.Testing.Cloudflare;

namespace ExternalDns.Testing.Tests.Cloudflare;

public sealed class CloudflareRecordTests : CloudflareEmulatorTestBase
{
    private static JsonObject A(string name, string ip, int ttl = 1, bool proxied = false) =>
        new() { ["type"] = "A", ["name"] = name, ["content"] = ip, ["ttl"] = ttl, ["proxied"] = proxied };

    [Fact]
    public async Task Create_expands_relative_names_and_returns_the_record()
    {
        var zone = Server.AddZone("example.org");
        var created = await Client.PostAsync($"/zones/{zone.Id}/dns_records", A("WWW", "192.0.2.1", 300));
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal("www.example.org", created.Result!["name"]!.GetValue<string>());
        Assert.Equal(300, created.Result["ttl"]!.GetValue<int>());
        Assert.True(created.Result["proxiable"]!.GetValue<bool>());
        Assert.Equal(32, created.Result["id"]!.GetValue<string>().Length);

        var apex = await Client.PostAsync($"/zones/{zone.Id}/dns_records", new JsonObject { ["type"] = "TXT", ["name"] = "@", ["content"] = "\"v=spf1 -all\"" });
        Assert.Equal("example.org", apex.Result!["name"]!.GetValue<string>());

        var id = created.Result["id"]!.GetValue<string>();
        var fetched = await Client.GetAsync($"/zones/{zone.Id}/dns_records/{id}");
        Assert.Equal("192.0.2.1", fetched.Result!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Records_are_paginated_up_to_5000_per_page_and_filtered()
    {
        var zone = Server.AddZone("example.org");
        for (var i = 0; i < 12; i++)
        {
            Server.AddRecord(zone.Id, $"host{i:00}", "A", $"192.0.2.{i + 1}");
        }

        Server.AddRecord(zone.Id, "host00", "TXT", "\"hello\"");

        var page = await Client.GetAsync($"/zones/{zone.Id}/dns_records?per_page=5&page=3");
        Assert.Equal(3, page.Result!.AsArray().Count);
        Assert.Equal(13, page.ResultInfo!["total_count"]!.GetValue<int>());
        Assert.Equal(3, page.ResultInfo["total_pages"]!.GetValue<int>());

        var big = await Client.GetAsync($"/zones/{zone.Id}/dns_records?per_page=100000");
        Assert.Equal(5000, big.ResultInfo!["per_page"]!.GetValue<int>());
        Assert.Equal(100, (await Client.GetAsync($"/zones/{zone.Id}/dns_records")).ResultInfo!["per_page"]!.GetValue<int>());

        var byName = await Client.GetAsync($"/zones/{zone.Id}/dns_records?name=host00.example.org");
        Assert.Equal(2, byName.Result!.AsArray().Count);
        var byNameAndType = await Client.GetAsync($"/zones/{zone.Id}/dns_records?name=host00.example.org&type=TXT");
        Assert.Equal("\"hello\"", Assert.Single(byNameAndType.Result!.AsArray())!["content"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("TXT", "hello", true, 1, new[] { 1004, 9004 })]
    [InlineData("MX", "mail.example.org", true, 1, new[] { 1004, 9004 })]
    [InlineData("A", "192.0.2.1", false, 30, new[] { 1004, 9021 })]
    [InlineData("A", "192.0.2.1", false, 86401, new[] { 1004, 9021 })]
    [InlineData("A", "300.0.2.1", false, 1, new[] { 1004, 9005 })]
    [InlineData("AAAA", "192.0.2.1", false, 1, new[] { 1004, 9005 })]
    [InlineData("SPF", "v=spf1 -all", false, 1, new[] { 1004, 1004 })]
    public async Task Invalid_records_get_dns_validation_errors(string type, string content, bool proxied, int ttl, int[] codes)
    {
        var zone = Server.AddZone("example.org");
        var body = new JsonObject { ["type"] = type, ["name"] = "x", ["content"] = content, ["proxied"] = proxied, ["ttl"] = ttl };
        if (type == "MX")
        {
            body["priority"] = 10;
        }

        var answer = await Client.PostAsync($"/zones/{zone.Id}/dns_records", body);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.False(answer.Success);
        Assert.Equal(codes, answer.Codes);
        Assert.Empty(Server.Records(zone.Id));
    }

    [Fact]
    public async Task Proxied_records_get_automatic_ttl_and_enterprise_allows_30_seconds()
    {
        var free = Server.AddZone("example.org");
        var proxied = await Client.PostAsync($"/zones/{free.Id}/dns_records", A("www", "192.0.2.1", 300, proxied: true));
        Assert.Equal(1, proxied.Result!["ttl"]!.GetValue<int>());
        Assert.True(proxied.Result["proxied"]!.GetValue<bool>());

        var ent = Server.AddZone("example.com", CloudflarePlan.Enterprise);
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync($"/zones/{ent.Id}/dns_records", A("www", "192.0.2.1", 30))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PostAsync($"/zones/{ent.Id}/dns_records", A("www2", "192.0.2.1", 29))).Status);
    }

    [Fact]
    public async Task Comment_length_depends_on_the_plan()
    {
        var free = Server.AddZone("example.org");
        var pro = Server.AddZone("example.com", CloudflarePlan.Pro);
        var ok = A("a", "192.0.2.1");
        ok["comment"] = new string('c', 100);
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync($"/zones/{free.Id}/dns_records", ok)).Status);

        var tooLong = A("b", "192.0.2.1");
        tooLong["comment"] = new string('c', 101);
        var refused = await Client.PostAsync($"/zones/{free.Id}/dns_records", tooLong);
        Assert.Equal([1004, 9313], refused.Codes);
        Assert.Contains("100 characters", refused.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync($"/zones/{pro.Id}/dns_records", tooLong)).Status);

        var paidTooLong = A("c", "192.0.2.1");
        paidTooLong["comment"] = new string('c', 501);
        Assert.Equal([1004, 9313], (await Client.PostAsync($"/zones/{pro.Id}/dns_records", paidTooLong)).Codes);

        var lineBreak = A("d", "192.0.2.1");
        lineBreak["comment"] = "two\nlines";
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PostAsync($"/zones/{pro.Id}/dns_records", lineBreak)).Status);
    }

    [Fact]
    public async Task Tags_must_be_name_value_pairs()
    {
        var zone = Server.AddZone("example.org", CloudflarePlan.Pro);
        var good = A("a", "192.0.2.1");
        good["tags"] = new JsonArray("team:dns", "env:prod");
        var created = await Client.PostAsync($"/zones/{zone.Id}/dns_records", good);
        Assert.Equal(["team:dns", "env:prod"], created.Result!["tags"]!.AsArray().Select(t => t!.GetValue<string>()));

        var bad = A("b", "192.0.2.1");
        bad["tags"] = new JsonArray("no colon");
        Assert.Equal([1004, 1004], (await Client.PostAsync($"/zones/{zone.Id}/dns_records", bad)).Codes);
    }

    [Fact]
    public async Task Duplicates_and_cname_conflicts_are_refused()
    {
        var zone = Server.AddZone("example.org");
        Server.AddRecord(zone.Id, "www", "A", "192.0.2.1");
        var identical = await Client.PostAsync($"/zones/{zone.Id}/dns_records", A("www", "192.0.2.1"));
        Assert.Equal([81058], identical.Codes);

        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync($"/zones/{zone.Id}/dns_records", A("www", "192.0.2.2"))).Status);
        var cname = await Client.PostAsync($"/zones/{zone.Id}/dns_records", new JsonObject { ["type"] = "CNAME", ["name"] = "www", ["content"] = "lb.example.net" });
        Assert.Equal([81053], cname.Codes);

        // TXT beside a CNAME is allowed (Cloudflare only forbids A/AAAA/CNAME together).
        Server.AddRecord(zone.Id, "app", "CNAME", "lb.example.net");
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync($"/zones/{zone.Id}/dns_records", new JsonObject { ["type"] = "TXT", ["name"] = "app", ["content"] = "x" })).Status);
    }

    [Fact]
    public async Task Put_overwrites_patch_merges_delete_removes()
    {
        var zone = Server.AddZone("example.org", CloudflarePlan.Pro);
        var record = Server.AddRecord(zone.Id, "www", "A", "192.0.2.1", ttl: 300, comment: "keep?", tags: ["a:b"]);

        var patched = await Client.SendAsync(HttpMethod.Patch, $"/zones/{zone.Id}/dns_records/{record.Id}", new JsonObject { ["ttl"] = 600 });
        Assert.Equal(600, patched.Result!["ttl"]!.GetValue<int>());
        Assert.Equal("keep?", patched.Result["comment"]!.GetValue<string>());

        var put = await Client.SendAsync(HttpMethod.Put, $"/zones/{zone.Id}/dns_records/{record.Id}", A("www", "192.0.2.9"));
        Assert.Equal(1, put.Result!["ttl"]!.GetValue<int>());
        Assert.Null(put.Result["comment"]);
        Assert.Empty(put.Result["tags"]!.AsArray());
        Assert.Equal(record.Id, put.Result["id"]!.GetValue<string>());

        var deleted = await Client.SendAsync(HttpMethod.Delete, $"/zones/{zone.Id}/dns_records/{record.Id}");
        Assert.Equal(record.Id, deleted.Result!["id"]!.GetValue<string>());
        Assert.Empty(Server.Records(zone.Id));

        var again = await Client.SendAsync(HttpMethod.Delete, $"/zones/{zone.Id}/dns_records/{record.Id}");
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        Assert.Equal([81044], again.Codes);
    }

    [Fact]
    public async Task Srv_records_take_data()
    {
        var zone = Server.AddZone("example.org");
        var created = await Client.PostAsync($"/zones/{zone.Id}/dns_records", new JsonObject
        {
            ["type"] = "SRV",
            ["name"] = "_sip._tcp",
            ["data"] = new JsonObject { ["priority"] = 10, ["weight"] = 5, ["port"] = 5060, ["target"] = "sip.example.org." },
        });
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal("sip.example.org", created.Result!["data"]!["target"]!.GetValue<string>());
        Assert.Equal(10, created.Result["priority"]!.GetValue<int>());
    }

    [Fact]
    public async Task Invalid_json_is_9207()
    {
        var zone = Server.AddZone("example.org");
        var answer = await Client.PostAsync($"/zones/{zone.Id}/dns_records", new JsonArray(1, 2));
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal([9207], answer.Codes);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using ExternalDns.Testing.Cloudflare;

namespace ExternalDns.Testing.Tests.Cloudflare;

public sealed class CloudflareBatchTests : CloudflareEmulatorTestBase
{
    private static JsonObject A(string name, string ip) => new() { ["type"] = "A", ["name"] = name, ["content"] = ip, ["ttl"] = 1 };

    [Fact]
    public async Task Batch_runs_deletes_patches_puts_posts_in_that_order()
    {
        var zone = Server.AddZone("example.org");
        var old = Server.AddRecord(zone.Id, "www", "A", "192.0.2.1");
        var keep = Server.AddRecord(zone.Id, "api", "A", "192.0.2.2", ttl: 300);
        var replace = Server.AddRecord(zone.Id, "mail", "A", "192.0.2.3");

        // The post re-creates exactly the deleted record: it only works because deletes run first.
        var put = A("mail", "192.0.2.33");
        put["id"] = replace.Id;
        var answer = await Client.PostAsync($"/zones/{zone.Id}/dns_records/batch", new JsonObject
        {
            ["posts"] = new JsonArray(A("www", "192.0.2.1"), A("new", "192.0.2.4")),
            ["puts"] = new JsonArray(put),
            ["patches"] = new JsonArray(new JsonObject { ["id"] = keep.Id, ["ttl"] = 600 }),
            ["deletes"] = new JsonArray(new JsonObject { ["id"] = old.Id }),
        });
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(old.Id, answer.Result!["deletes"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(2, answer.Result["posts"]!.AsArray().Count);
        Assert.Equal(600, answer.Result["patches"]![0]!["ttl"]!.GetValue<int>());
        Assert.Equal("192.0.2.33", answer.Result["puts"]![0]!["content"]!.GetValue<string>());

        var records = Server.Records(zone.Id);
        Assert.Equal(4, records.Count);
        Assert.DoesNotContain(records, r => r.Id == old.Id);
        Assert.Single(Server.Calls.Sequence, op => op == CloudflareCallCounter.RecordsBatch);
    }

    [Fact]
    public async Task A_failing_operation_rolls_the_whole_batch_back()
    {
        var zone = Server.AddZone("example.org");
        var existing = Server.AddRecord(zone.Id, "www", "A", "192.0.2.1");
        var before = Server.Records(zone.Id);

        var answer = await Client.PostAsync($"/zones/{zone.Id}/dns_records/batch", new JsonObject
        {
            ["deletes"] = new JsonArray(new JsonObject { ["id"] = existing.Id }),
            ["posts"] = new JsonArray(A("ok1", "192.0.2.10"), A("bad", "999.0.0.1"), A("ok2", "192.0.2.11")),
        });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal([1004, 9005], answer.Codes);
        Assert.Equal(before, Server.Records(zone.Id));
    }

    [Fact]
    public async Task Unknown_id_in_a_batch_is_81044_and_nothing_changes()
    {
        var zone = Server.AddZone("example.org");
        var answer = await Client.PostAsync($"/zones/{zone.Id}/dns_records/batch", new JsonObject
        {
            ["posts"] = new JsonArray(A("ok", "192.0.2.10")),
            ["deletes"] = new JsonArray(new JsonObject { ["id"] = "0123456789abcdef0123456789abcdef" }),
        });
        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal([81044], answer.Codes);
        Assert.Empty(Server.Records(zone.Id));
    }

    [Theory]
    [InlineData(CloudflarePlan.Free, 200)]
    [InlineData(CloudflarePlan.Pro, 3500)]
    public async Task Batch_size_is_limited_by_plan(CloudflarePlan plan, int limit)
    {
        var zone = Server.AddZone("example.org", plan);
        JsonArray Posts(int n) => new([.. Enumerable.Range(0, n).Select(i => (JsonNode)A($"h{i}", $"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}"))]);

        var over = await Client.PostAsync($"/zones/{zone.Id}/dns_records/batch", new JsonObject { ["posts"] = Posts(limit + 1) });
        Assert.Equal(HttpStatusCode.BadRequest, over.Status);
        Assert.Empty(Server.Records(zone.Id));

        var exact = await Client.PostAsync($"/zones/{zone.Id}/dns_records/batch", new JsonObject { ["posts"] = Posts(limit) });
        Assert.Equal(HttpStatusCode.OK, exact.Status);
        Assert.Equal(limit, Server.Records(zone.Id).Count);
    }
}

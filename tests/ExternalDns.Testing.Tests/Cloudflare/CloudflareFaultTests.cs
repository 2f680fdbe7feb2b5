using System.Net;
using System.Text.Json.Nodes;
using ExternalDns.Testing.Cloudflare;

namespace ExternalDns.Testing.Tests.Cloudflare;

public sealed class CloudflareFaultTests : CloudflareEmulatorTestBase
{
    [Fact]
    public async Task Throttling_answers_429_with_retry_after_then_recovers()
    {
        Server.AddZone("example.org");
        Server.Faults.ThrottleNext(2, retryAfterSeconds: 7);
        var first = await Client.GetAsync("/zones");
        Assert.Equal(HttpStatusCode.TooManyRequests, first.Status);
        Assert.Equal(TimeSpan.FromSeconds(7), first.RetryAfter);
        Assert.Equal([971], first.Codes);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Client.GetAsync("/zones")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/zones")).Status);
        Assert.Equal(3, Server.Calls[CloudflareCallCounter.ZonesList]);
        Assert.Equal(0, Server.Faults.Pending);
    }

    [Fact]
    public async Task Gateway_errors_are_html_and_others_json()
    {
        Server.AddZone("example.org");
        Server.Faults.FailNext(1, 502);
        var gateway = await Client.GetAsync("/zones");
        Assert.Equal(HttpStatusCode.BadGateway, gateway.Status);
        Assert.Null(gateway.Json);
        Assert.Contains("<html>", gateway.Text, StringComparison.Ordinal);

        Server.Faults.FailNext(1, 503);
        var unavailable = await Client.GetAsync("/zones");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.Status);
        Assert.False(unavailable.Success);
    }

    [Fact]
    public async Task Faults_can_target_one_operation_and_writes_are_counted()
    {
        var zone = Server.AddZone("example.org");
        Server.Faults.FailNext(1, 500, CloudflareCallCounter.RecordsBatch);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"/zones/{zone.Id}/dns_records")).Status);
        var body = new JsonObject { ["posts"] = new JsonArray(new JsonObject { ["type"] = "A", ["name"] = "a", ["content"] = "192.0.2.1" }) };
        Assert.Equal(HttpStatusCode.InternalServerError, (await Client.PostAsync($"/zones/{zone.Id}/dns_records/batch", body)).Status);
        Assert.Empty(Server.Records(zone.Id));
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync($"/zones/{zone.Id}/dns_records/batch", body)).Status);

        Assert.Equal(1, Server.Calls[CloudflareCallCounter.RecordsList]);
        Assert.Equal(2, Server.Calls[CloudflareCallCounter.RecordsBatch]);
        Assert.Equal(2, Server.Calls.Writes);
        Assert.Equal(3, Server.Calls.Total);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using ExternalDns.Testing.Cloudflare;

namespace ExternalDns.Testing.Tests.Cloudflare;

public sealed class CloudflareAuthTests : CloudflareEmulatorTestBase
{
    [Fact]
    public async Task Valid_token_lists_zones()
    {
        Server.AddZone("example.org");
        var answer = await Client.GetAsync("/zones");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.True(answer.Success);
        Assert.Equal("example.org", answer.Result![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task No_credentials_is_400_with_the_missing_header_codes()
    {
        Client.Token = null;
        var answer = await Client.GetAsync("/zones");
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.False(answer.Success);
        Assert.Equal([9106, 9107], answer.Codes);
        Assert.Null(answer.Result);
    }

    [Fact]
    public async Task Malformed_bearer_token_is_400_invalid_request_headers()
    {
        Client.Token = "not a token!";
        var answer = await Client.GetAsync("/zones");
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal([6003, 6111], answer.Codes);
    }

    [Fact]
    public async Task Unknown_token_is_403_authentication_error()
    {
        Client.Token = CloudflareApiServer.NewToken();
        var answer = await Client.GetAsync("/zones");
        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Equal([10000], answer.Codes);
        Assert.Equal("Authentication error", answer.Json!["errors"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Revoked_token_is_refused()
    {
        Server.RevokeToken(Server.Token);
        var answer = await Client.GetAsync("/zones");
        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
    }

    [Fact]
    public async Task Global_key_and_email_are_accepted_and_a_wrong_pair_is_9103()
    {
        Server.AddZone("example.org");
        Client.Token = null;
        Client.ApiKey = "0123456789abcdef0123456789abcdef01234";
        Client.ApiEmail = "ops@example.org";
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/zones")).Status);

        Client.ApiEmail = "someone@example.org";
        var wrong = await Client.GetAsync("/zones");
        Assert.Equal(HttpStatusCode.Forbidden, wrong.Status);
        Assert.Equal([9103], wrong.Codes);

        Client.ApiEmail = null;
        var missing = await Client.GetAsync("/zones");
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal([9106], missing.Codes);

        Client.ApiEmail = "ops@example.org";
        Client.ApiKey = "bad key";
        var malformed = await Client.GetAsync("/zones");
        Assert.Equal([6003, 6103], malformed.Codes);
    }

    [Fact]
    public async Task Token_without_the_permission_gets_403_and_changes_nothing()
    {
        var zone = Server.AddZone("example.org");
        var readOnly = CloudflareApiServer.NewToken();
        Server.AddToken(readOnly, CloudflarePermissions.ZoneRead | CloudflarePermissions.DnsRead);
        Client.Token = readOnly;

        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"/zones/{zone.Id}/dns_records")).Status);
        var write = await Client.PostAsync($"/zones/{zone.Id}/dns_records", new JsonObject { ["type"] = "A", ["name"] = "www", ["content"] = "192.0.2.1" });
        Assert.Equal(HttpStatusCode.Forbidden, write.Status);
        Assert.Equal([10000], write.Codes);
        Assert.Empty(Server.Records(zone.Id));

        var custom = await Client.GetAsync($"/zones/{zone.Id}/custom_hostnames");
        Assert.Equal(HttpStatusCode.Forbidden, custom.Status);

        Server.AddToken(readOnly, CloudflarePermissions.DnsRead);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client.GetAsync("/zones")).Status);
    }

    [Fact]
    public async Task Requests_never_record_credentials()
    {
        Server.AddZone("example.org");
        await Client.GetAsync("/zones?name=example.org");
        var logged = Assert.Single(Server.Requests);
        Assert.Equal("zones.list", logged.Operation);
        Assert.DoesNotContain(Server.Token, logged.ToString(), StringComparison.Ordinal);
    }
}

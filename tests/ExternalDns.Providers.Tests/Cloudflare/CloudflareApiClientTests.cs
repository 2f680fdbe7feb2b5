using System.Net;
using System.Text;
using ExternalDns.Core.Providers;
using ExternalDns.Providers.Cloudflare;
using ExternalDns.Providers.Cloudflare.Api;

namespace ExternalDns.Providers.Tests.Cloudflare;

public sealed class CloudflareApiClientTests
{
    private const string Token = "tok_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private static CloudflareApiClient Client(HttpStatusCode status, string body, string mediaType = "application/json") =>
        new(new Uri("https://api.test/client/v4/"), CloudflareCredentials.FromToken(Token), new Fixed(status, body, mediaType));

    [Fact]
    public async Task A_server_text_echoing_the_token_is_redacted()
    {
        using var client = Client(HttpStatusCode.BadRequest, $"bad header Authorization: Bearer {Token}", "text/plain");
        var ex = await Assert.ThrowsAsync<CloudflareApiException>(() => client.ListZonesAsync(null, CancellationToken.None));
        Assert.DoesNotContain(Token, ex.Message, StringComparison.Ordinal);
        Assert.Contains("[redacted]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Success_false_in_a_200_is_a_refusal_with_its_codes()
    {
        using var client = Client(HttpStatusCode.OK, """{"success":false,"errors":[{"code":1004,"message":"DNS Validation Error","error_chain":[{"code":9005,"message":"bad"}]}],"result":null}""");
        var ex = await Assert.ThrowsAsync<CloudflareApiException>(() => client.ListZonesAsync(null, CancellationToken.None));
        Assert.Equal([1004, 9005], ex.Codes);
        Assert.Equal("bad (9005)", ex.Reason);
    }

    [Fact]
    public async Task A_200_that_is_not_json_is_transient()
    {
        using var client = Client(HttpStatusCode.OK, "<html>maintenance</html>", "text/html");
        await Assert.ThrowsAsync<ProviderTransientException>(() => client.ListZonesAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task Base_url_path_is_kept_and_requests_carry_the_bearer_token()
    {
        var recorder = new Fixed(HttpStatusCode.OK, """{"success":true,"errors":[],"result":[],"result_info":{"page":1,"per_page":50,"count":0,"total_count":0,"total_pages":1}}""", "application/json");
        using var client = new CloudflareApiClient(new Uri("https://proxy.test/cf/client/v4/"), CloudflareCredentials.FromToken(Token), recorder);
        await client.ListZonesAsync("example.org", CancellationToken.None);
        var request = Assert.Single(recorder.Requests);
        Assert.Equal("https://proxy.test/cf/client/v4/zones?page=1&per_page=50&name=example.org", request.Uri);
        Assert.Equal("Bearer " + Token, request.Authorization);
    }

    private sealed class Fixed(HttpStatusCode status, string body, string mediaType) : HttpMessageHandler
    {
        public List<(string Uri, string? Authorization)> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request.RequestUri!.ToString(), request.Headers.Authorization?.ToString()));
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) });
        }
    }
}

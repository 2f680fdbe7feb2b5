using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ExternalDns.Testing.Webhook;

namespace ExternalDns.Testing.Tests.Webhook;

/// <summary>The in-process webhook provider, driven with a plain HttpClient as the protocol document describes it.</summary>
public sealed class WebhookTestServerTests : IAsyncLifetime
{
    private const string MediaType = WebhookTestServer.MediaType;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private WebhookTestServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await WebhookTestServer.StartAsync(new WebhookTestServerOptions { Include = ["example.org"], Exclude = ["private.example.org"] });

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Negotiation_answers_the_media_type_and_the_domain_filter()
    {
        using var response = await SendAsync(HttpMethod.Get, "/", accept: MediaType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MediaType, string.Join(",", response.Content.Headers.NonValidated["Content-Type"]));
        Assert.Equal("""{"include":["example.org"],"exclude":["private.example.org"]}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_regex_shape_of_the_domain_filter_is_sent_when_a_regex_is_configured()
    {
        await using var server = await WebhookTestServer.StartAsync(new WebhookTestServerOptions { RegexInclude = @"\.example\.org$" });
        using var response = await _http.SendAsync(Request(HttpMethod.Get, new Uri(server.Url, "/"), accept: MediaType));

        Assert.Equal("""{"regexInclude":"\\.example\\.org$","regexExclude":""}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Requests_without_the_media_type_are_refused()
    {
        using var noAccept = await SendAsync(HttpMethod.Get, "/records");
        using var wrongAccept = await SendAsync(HttpMethod.Get, "/", accept: "application/json");
        using var noContentType = await SendAsync(HttpMethod.Post, "/records", body: "{}");
        using var wrongContentType = await SendAsync(HttpMethod.Post, "/adjustendpoints", body: "[]", accept: MediaType, contentType: "application/json");

        Assert.Equal(HttpStatusCode.NotAcceptable, noAccept.StatusCode);
        Assert.Equal(HttpStatusCode.NotAcceptable, wrongAccept.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, noContentType.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongContentType.StatusCode);
        Assert.Empty(_server.Records);
    }

    [Fact]
    public async Task Changes_are_applied_and_listed_back_byte_for_byte()
    {
        const string txt = """{"dnsName":"a-app.example.org","targets":["\"heritage=external-dns,external-dns/owner=o\""],"recordType":"TXT","labels":{"ownedRecord":"app.example.org"}}""";
        const string a = """{"dnsName":"app.example.org","targets":["192.0.2.1"],"recordType":"A"}""";

        using var create = await SendAsync(HttpMethod.Post, "/records", body: $$"""{"create":[{{a}},{{txt}}]}""", contentType: MediaType);
        using var list = await SendAsync(HttpMethod.Get, "/records", accept: MediaType);

        Assert.Equal(HttpStatusCode.NoContent, create.StatusCode);
        Assert.Equal($"[{a},{txt}]", await list.Content.ReadAsStringAsync());

        const string a2 = """{"dnsName":"app.example.org","targets":["192.0.2.2"],"recordType":"A"}""";
        using var update = await SendAsync(HttpMethod.Post, "/records", body: $$"""{"updateOld":[{{a}}],"updateNew":[{{a2}}],"delete":[{{txt}}]}""", contentType: MediaType);

        Assert.Equal(HttpStatusCode.NoContent, update.StatusCode);
        Assert.Equal([a2], _server.Records);
    }

    [Fact]
    public async Task An_inconsistent_change_set_is_refused_as_a_whole()
    {
        _server.Seed("""{"dnsName":"taken.example.org","targets":["192.0.2.9"],"recordType":"A"}""");

        using var duplicate = await SendAsync(HttpMethod.Post, "/records", contentType: MediaType,
            body: """{"create":[{"dnsName":"new.example.org","targets":["192.0.2.1"],"recordType":"A"},{"dnsName":"taken.example.org","targets":["192.0.2.1"],"recordType":"A"}]}""");
        using var missing = await SendAsync(HttpMethod.Post, "/records", contentType: MediaType,
            body: """{"delete":[{"dnsName":"gone.example.org","recordType":"A"}]}""");
        using var notJson = await SendAsync(HttpMethod.Post, "/records", contentType: MediaType, body: "create everything");

        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Single(_server.Records);
    }

    [Fact]
    public async Task Adjust_endpoints_answers_the_adjusted_list()
    {
        await using var server = await WebhookTestServer.StartAsync(new WebhookTestServerOptions
        {
            Adjust = e =>
            {
                if (((string?)e["dnsName"])!.StartsWith("drop", StringComparison.Ordinal))
                {
                    return null;
                }

                e["recordTTL"] = 300;
                return e;
            },
        });
        using var response = await _http.SendAsync(Request(HttpMethod.Post, new Uri(server.Url, "/adjustendpoints"), accept: MediaType, contentType: MediaType,
            body: """[{"dnsName":"keep.example.org","recordType":"A","targets":["192.0.2.1"]},{"dnsName":"drop.example.org","recordType":"A"}]"""));

        var adjusted = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("keep.example.org", (string?)Assert.Single(adjusted)!["dnsName"]);
        Assert.Equal(300, (int)adjusted[0]!["recordTTL"]!);
    }

    [Fact]
    public async Task Unknown_routes_and_methods_are_refused()
    {
        using var route = await SendAsync(HttpMethod.Get, "/zones", accept: MediaType);
        using var method = await SendAsync(HttpMethod.Delete, "/records", accept: MediaType);

        Assert.Equal(HttpStatusCode.NotFound, route.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, method.StatusCode);
    }

    [Fact]
    public async Task Injected_faults_misbehave_as_told()
    {
        _server.Inject(WebhookFault.WrongMediaType("application/json"));
        _server.Inject(WebhookFault.NonJson("GET", "/records"));
        _server.Inject(WebhookFault.Status("POST", "/records", 500, times: 1));

        using var negotiation = await SendAsync(HttpMethod.Get, "/", accept: MediaType);
        using var records = await SendAsync(HttpMethod.Get, "/records", accept: MediaType);
        using var failed = await SendAsync(HttpMethod.Post, "/records", body: "{}", contentType: MediaType);
        using var recovered = await SendAsync(HttpMethod.Post, "/records", body: "{}", contentType: MediaType);

        Assert.Equal("application/json", negotiation.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<html>", await records.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, recovered.StatusCode);
        Assert.Equal([200, 200, 500, 204], _server.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task A_hanging_route_never_answers_and_an_oversized_one_streams_past_the_size()
    {
        _server.Inject(WebhookFault.Hang("GET", "/records"));
        _server.Inject(WebhookFault.Oversized("POST", "/adjustendpoints", 3 << 20));

        using var hang = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _http.SendAsync(Request(HttpMethod.Get, new Uri(_server.Url, "/records"), accept: MediaType), hang.Token));

        using var oversized = await SendAsync(HttpMethod.Post, "/adjustendpoints", body: "[]", accept: MediaType, contentType: MediaType);
        Assert.True(oversized.Headers.TransferEncodingChunked, "streamed without Content-Length");
        var body = await oversized.Content.ReadAsByteArrayAsync();
        Assert.True(body.Length > 3 << 20, $"{body.Length} bytes");
        Assert.EndsWith("\"}]", Encoding.ASCII.GetString(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stalled_body_starts_and_never_ends()
    {
        _server.Inject(WebhookFault.StallBody("GET", "/records"));

        using var response = await _http.SendAsync(Request(HttpMethod.Get, new Uri(_server.Url, "/records"), accept: MediaType), HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64];
        var first = await body.ReadAsync(buffer);
        using var stall = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("[{\"dnsName\"", Encoding.ASCII.GetString(buffer, 0, first), StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await body.ReadExactlyAsync(buffer, stall.Token));
    }

    [Fact]
    public async Task The_request_log_keeps_headers_and_bodies_as_sent()
    {
        using var response = await SendAsync(HttpMethod.Post, "/records", body: "{}", contentType: MediaType);

        var request = Assert.Single(_server.Requests);
        Assert.Equal(("POST", "/records", MediaType, "{}", 204), (request.Method, request.Path, request.ContentType, request.BodyText, request.Status));
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null, string? accept = null, string? contentType = null) =>
        _http.SendAsync(Request(method, new Uri(_server.Url, path), body, accept, contentType));

    private static HttpRequestMessage Request(HttpMethod method, Uri uri, string? body = null, string? accept = null, string? contentType = null)
    {
        var request = new HttpRequestMessage(method, uri);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        return request;
    }
}

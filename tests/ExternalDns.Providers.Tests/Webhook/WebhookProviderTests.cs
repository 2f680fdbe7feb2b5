using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Core.Registry;
using ExternalDns.Providers.Webhook;
using ExternalDns.Testing;
using ExternalDns.Testing.Webhook;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Tests.Webhook;

/// <summary>The webhook provider (client) against the in-process webhook provider written from the protocol document.</summary>
public sealed class WebhookProviderTests : IAsyncLifetime
{
    private const string MediaType = WebhookProtocol.MediaType;
    private readonly MetricRegistry _metrics = new();
    private readonly ListLogger<WebhookProvider> _log = new();
    private readonly ListLoggerFactory _httpLogs = new();
    private WebhookTestServer _server = null!;

    public async Task InitializeAsync() => _server = await WebhookTestServer.StartAsync(new WebhookTestServerOptions { Include = ["example.org"] });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Negotiation_sends_the_media_type_and_takes_the_domain_filter()
    {
        using var provider = Provider();

        var filter = await provider.NegotiateAsync(default);

        var request = Assert.Single(_server.Requests);
        Assert.Equal(("GET", "/", MediaType), (request.Method, request.Path, request.Accept));
        Assert.Same(filter, provider.DomainFilter);
        Assert.True(filter.Match("www.example.org"));
        Assert.False(filter.Match("www.example.com"));
    }

    [Fact]
    public async Task A_regex_domain_filter_is_negotiated_too()
    {
        await using var server = await WebhookTestServer.StartAsync(new WebhookTestServerOptions { RegexInclude = @"^app\.", RegexExclude = @"\.internal\." });
        using var provider = Provider(server.Url);

        var filter = await provider.NegotiateAsync(default);

        Assert.True(filter.Match("app.example.org"));
        Assert.False(filter.Match("www.example.org"));
        Assert.False(filter.Match("app.internal.example.org"));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/external.dns.webhook+json; version=1")]
    [InlineData("application/external.dns.webhook+json;version=2")]
    public async Task Negotiation_requires_exactly_the_media_type(string contentType)
    {
        _server.Inject(WebhookFault.WrongMediaType(contentType));
        using var provider = Provider();

        var ex = await Assert.ThrowsAsync<ProviderConfigurationException>(() => provider.RecordsAsync(default));

        Assert.Contains(_server.Url.ToString().TrimEnd('/'), ex.Message, StringComparison.Ordinal);
        Assert.Contains($"Content-Type \"{contentType}\"", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.Count("GET", "/"));
        Assert.Equal(0, _server.Count("GET", "/records"));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(403)]
    [InlineData(304)]
    public async Task Negotiation_answered_3xx_or_4xx_is_a_permanent_error_and_not_retried(int status)
    {
        _server.Inject(WebhookFault.Status("GET", "/", status));
        using var provider = Provider();

        var ex = await Assert.ThrowsAsync<ProviderConfigurationException>(() => provider.NegotiateAsync(default));

        Assert.Contains($"GET / (negotiation) answered {status}", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.Count("GET", "/"));
    }

    [Fact]
    public async Task Negotiation_is_retried_on_5xx_and_succeeds_when_the_webhook_recovers()
    {
        _server.Inject(WebhookFault.Status("GET", "/", 503, times: 2));
        using var provider = Provider();

        await provider.NegotiateAsync(default);

        Assert.Equal(3, _server.Count("GET", "/"));
        Assert.Equal(2, _log.Messages.Count(m => m.Contains("negotiation attempt", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Negotiation_gives_up_after_five_attempts_with_a_transient_error_and_tries_again_on_the_next_call()
    {
        _server.Inject(WebhookFault.Status("GET", "/", 500, times: 5));
        using var provider = Provider();

        var ex = await Assert.ThrowsAsync<ProviderTransientException>(() => provider.RecordsAsync(default));
        Assert.Contains("failed 5 times, the last: answered 500", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5, _server.Count("GET", "/"));
        Assert.False(provider.IsNegotiated);

        await provider.RecordsAsync(default);
        Assert.Equal(6, _server.Count("GET", "/"));
        Assert.True(provider.IsNegotiated);
    }

    [Fact]
    public async Task A_webhook_that_is_not_listening_is_a_transient_error_naming_its_url()
    {
        var url = new Uri($"http://127.0.0.1:{ClosedPort()}");
        using var provider = Provider(url);

        var ex = await Assert.ThrowsAsync<ProviderTransientException>(() => provider.RecordsAsync(default));

        Assert.StartsWith($"webhook http://127.0.0.1:{url.Port}: GET / (negotiation) failed 5 times", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_negotiation_answer_that_is_not_a_domain_filter_is_a_permanent_error()
    {
        _server.Inject(WebhookFault.NonJson("GET", "/"));
        using var provider = Provider();

        var ex = await Assert.ThrowsAsync<ProviderConfigurationException>(() => provider.NegotiateAsync(default));

        Assert.Contains("the answer is not a domain filter", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Records_are_read_with_the_accept_header()
    {
        _server.Seed(
            """{"dnsName":"app.example.org","targets":["192.0.2.1"],"recordType":"A","recordTTL":300}""",
            """{"dnsName":"a-app.example.org","targets":["\"heritage=external-dns,external-dns/owner=o\""],"recordType":"TXT"}""");
        using var provider = Provider();

        var records = await provider.RecordsAsync(default);

        Assert.Equal(["app.example.org 300 IN A 192.0.2.1", "a-app.example.org IN TXT \"heritage=external-dns,external-dns/owner=o\""], records.Select(r => r.ToString()));
        var request = _server.Requests.Single(r => r.Path == "/records");
        Assert.Equal(("GET", MediaType), (request.Method, request.Accept));
        Assert.Contains(_httpLogs.Entries, e => e.Level == LogLevel.Debug && e.Message.StartsWith("webhook Records: GET /records answered 200 in ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(510)]
    public async Task Records_answered_500_to_510_is_transient(int status)
    {
        _server.Inject(WebhookFault.Status("GET", "/records", status));
        using var provider = Provider();

        var ex = await Assert.ThrowsAsync<ProviderTransientException>(() => provider.RecordsAsync(default));

        Assert.Contains($"GET /records answered {status}", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.Count("GET", "/records")); // not retried within the run, as upstream
    }

    [Theory]
    [InlineData(404)]
    [InlineData(400)]
    [InlineData(511)]
    [InlineData(204)]
    public async Task Records_answered_anything_else_is_an_error_naming_the_url_and_status(int status)
    {
        _server.Inject(WebhookFault.Status("GET", "/records", status));
        using var provider = Provider();

        var ex = await Assert.ThrowsAsync<WebhookException>(() => provider.RecordsAsync(default));

        Assert.Equal($"webhook {_server.Url.ToString().TrimEnd('/')}: GET /records answered {status} ({ReasonPhrase(status)}), expected 200", ex.Message);
    }

    [Fact]
    public async Task Records_that_are_not_json_are_an_error()
    {
        _server.Inject(WebhookFault.NonJson("GET", "/records"));
        using var provider = Provider();

        var ex = await Assert.ThrowsAsync<WebhookException>(() => provider.RecordsAsync(default));

        Assert.Contains("GET /records: the answer is not a valid endpoint list", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_webhook_that_hangs_is_given_up_after_read_plus_write_timeout_as_a_transient_error()
    {
        _server.Inject(WebhookFault.Hang("GET", "/records"));
        using var provider = Provider(readTimeout: TimeSpan.FromMilliseconds(300), writeTimeout: TimeSpan.FromMilliseconds(200));
        await provider.NegotiateAsync(default);
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<ProviderTransientException>(() => provider.RecordsAsync(default));

        Assert.Contains("GET /records: no complete answer within 0.5s", ex.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_body_that_stops_half_way_is_given_up_after_the_timeout_as_a_transient_error()
    {
        _server.Inject(WebhookFault.StallBody("GET", "/records"));
        using var provider = Provider(readTimeout: TimeSpan.FromMilliseconds(300), writeTimeout: TimeSpan.FromMilliseconds(200));

        var ex = await Assert.ThrowsAsync<ProviderTransientException>(() => provider.RecordsAsync(default));

        Assert.Contains("GET /records: no complete answer within 0.5s", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_of_exactly_the_limit_is_read_and_zero_disables_the_limit()
    {
        var record = """{"dnsName":"app.example.org","targets":["192.0.2.1"],"recordType":"A","labels":{"pad":"PAD"}}""";
        var size = Encoding.UTF8.GetByteCount("[" + record.Replace("PAD", string.Empty, StringComparison.Ordinal) + "]");
        _server.Seed(record.Replace("PAD", new string('x', 4096 - size), StringComparison.Ordinal));

        using var exact = Provider(maxBodySize: 4096);
        using var tooSmall = Provider(maxBodySize: 4095);
        using var unlimited = Provider(maxBodySize: 0);

        Assert.Single(await exact.RecordsAsync(default));
        await Assert.ThrowsAsync<WebhookException>(() => tooSmall.RecordsAsync(default));
        _server.Inject(WebhookFault.Oversized("GET", "/records", 3L << 20));
        Assert.Single(await unlimited.RecordsAsync(default));
    }

    [Fact]
    public async Task Changes_are_posted_as_upstream_writes_them_and_answered_204()
    {
        using var provider = Provider();
        var a = new Endpoint("app.example.org", RecordTypes.A, "192.0.2.1").WithLabel("owner", "o");

        await provider.ApplyChangesAsync(new Changes { Create = [a] }, default);

        var request = _server.Requests.Single(r => r.Path == "/records");
        Assert.Equal(("POST", MediaType, string.Empty, 204), (request.Method, request.ContentType, request.Accept, request.Status));
        Assert.Equal("""{"create":[{"dnsName":"app.example.org","targets":["192.0.2.1"],"recordType":"A","labels":{"owner":"o"}}]}""" + "\n", request.BodyText);
        Assert.Equal("""{"dnsName":"app.example.org","targets":["192.0.2.1"],"recordType":"A","labels":{"owner":"o"}}""", Assert.Single(_server.Records));
    }

    [Fact]
    public async Task A_refused_change_set_is_an_error_and_a_5xx_is_transient()
    {
        using var provider = Provider();
        var missing = new Endpoint("gone.example.org", RecordTypes.A, "192.0.2.1");

        var refused = await Assert.ThrowsAsync<WebhookException>(() => provider.ApplyChangesAsync(new Changes { Delete = [missing] }, default));
        _server.Inject(WebhookFault.Status("POST", "/records", 502, times: 1));
        await Assert.ThrowsAsync<ProviderTransientException>(() => provider.ApplyChangesAsync(new Changes { Create = [missing] }, default));
        _server.Inject(WebhookFault.Status("POST", "/records", 200, times: 1));
        var wrongSuccess = await Assert.ThrowsAsync<WebhookException>(() => provider.ApplyChangesAsync(new Changes { Create = [missing] }, default));

        Assert.Contains("POST /records answered 400 (Bad Request), expected 204", refused.Message, StringComparison.Ordinal);
        Assert.Contains("answered 200 (OK), expected 204", wrongSuccess.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Records);
    }

    [Fact]
    public async Task Adjusted_endpoints_are_the_webhooks_answer()
    {
        await using var server = await WebhookTestServer.StartAsync(new WebhookTestServerOptions
        {
            Adjust = e =>
            {
                if ((string?)e["dnsName"] == "drop.example.org")
                {
                    return null;
                }

                e["recordTTL"] = 600;
                e["providerSpecific"] = new JsonArray(new JsonObject { ["name"] = "webhook/adjusted", ["value"] = "true" });
                return e;
            },
        });
        using var provider = Provider(server.Url);

        var adjusted = await provider.AdjustEndpointsAsync([new Endpoint("keep.example.org", RecordTypes.A, "192.0.2.1"), new Endpoint("drop.example.org", RecordTypes.A, "192.0.2.2")], default);

        var kept = Assert.Single(adjusted);
        Assert.Equal(("keep.example.org", 600L, "true"), (kept.DnsName, kept.RecordTtl, kept.GetProviderSpecific("webhook/adjusted")));
        var request = server.Requests.Single(r => r.Path == "/adjustendpoints");
        Assert.Equal((MediaType, MediaType), (request.Accept, request.ContentType));
        Assert.Throws<NotSupportedException>(() => provider.AdjustEndpoints([]));
    }

    [Fact]
    public async Task Upstreams_six_metrics_count_requests_and_errors()
    {
        using var provider = Provider();
        await provider.RecordsAsync(default);
        _server.Inject(WebhookFault.Status("GET", "/records", 500, times: 1));
        await Assert.ThrowsAsync<ProviderTransientException>(() => provider.RecordsAsync(default));
        await provider.ApplyChangesAsync(new Changes { Create = [new Endpoint("a.example.org", RecordTypes.A, "192.0.2.1")] }, default);
        await provider.AdjustEndpointsAsync([], default);

        var text = _metrics.Render();

        Assert.Contains("# TYPE external_dns_webhook_provider_records_requests_total gauge\n", text, StringComparison.Ordinal);
        Assert.Contains("external_dns_webhook_provider_records_requests_total 2\n", text, StringComparison.Ordinal);
        Assert.Contains("external_dns_webhook_provider_records_errors_total 1\n", text, StringComparison.Ordinal);
        Assert.Contains("external_dns_webhook_provider_applychanges_requests_total 1\n", text, StringComparison.Ordinal);
        Assert.Contains("external_dns_webhook_provider_applychanges_errors_total 0\n", text, StringComparison.Ordinal);
        Assert.Contains("external_dns_webhook_provider_adjustendpoints_requests_total 1\n", text, StringComparison.Ordinal);
        Assert.Contains("external_dns_webhook_provider_adjustendpoints_errors_total 0\n", text, StringComparison.Ordinal);
        Assert.Contains(text.Split('\n'), l => l.StartsWith("external_dns_http_request_duration_seconds_count{", StringComparison.Ordinal)
            && l.Contains("path=\"records\"", StringComparison.Ordinal) && l.Contains("method=\"GET\"", StringComparison.Ordinal) && l.Contains("status=\"200\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ownership_records_written_through_the_registry_reach_the_webhook_as_upstream_writes_them_and_read_back_as_owned()
    {
        using var provider = Provider();
        var registry = new TxtRegistry(provider, new TxtRegistryOptions { OwnerId = "e2e" });
        await registry.RecordsAsync(default);
        var app = new Endpoint("app.example.org", RecordTypes.A, "192.0.2.1").WithLabel(Labels.ResourceKey, "service/default/app");

        await registry.ApplyChangesAsync(new Changes { Create = [app] }, default);

        Assert.Equal(
            """{"create":[{"dnsName":"app.example.org","targets":["192.0.2.1"],"recordType":"A","labels":{"owner":"e2e","resource":"service/default/app"}},"""
            + """{"dnsName":"a-app.example.org","targets":["\"heritage=external-dns,external-dns/owner=e2e,external-dns/resource=service/default/app\""],"recordType":"TXT","labels":{"ownedRecord":"app.example.org"}}]}""" + "\n",
            _server.Requests.Single(r => r.Method == "POST").BodyText);
        var records = await registry.RecordsAsync(default);
        var owned = records.Single(r => r.RecordType == RecordTypes.A);
        Assert.Equal(("e2e", "service/default/app"), (owned.Labels.Owner, owned.Labels.Resource));

        // What the webhook answers back is, byte for byte, what it was sent.
        var listed = _server.Requests.Last(r => r.Path == "/records");
        Assert.Equal("GET", listed.Method);
        var raw = await provider.RecordsAsync(default);
        Assert.Equal(
            "[" + string.Join(",", _server.Records) + "]\n",
            Encoding.UTF8.GetString(Providers.Webhook.Json.WebhookJson.WriteEndpoints(raw)));
    }

    private WebhookProvider Provider(Uri? url = null, TimeSpan? readTimeout = null, TimeSpan? writeTimeout = null, long maxBodySize = WebhookProtocol.DefaultMaxBodySize) =>
        new(
            new WebhookProviderOptions
            {
                Url = url ?? _server.Url,
                ReadTimeout = readTimeout ?? TimeSpan.FromSeconds(5),
                WriteTimeout = writeTimeout ?? TimeSpan.FromSeconds(5),
                MaxBodySize = maxBodySize,
                NegotiationBackoff = TimeSpan.FromMilliseconds(1),
            },
            _log,
            new ProviderHttpFactory(_metrics, TimeProvider.System, _httpLogs));

    private static string ReasonPhrase(int status) => status switch
    {
        204 => "No Content",
        400 => "Bad Request",
        404 => "Not Found",
        511 => "Network Authentication Required",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

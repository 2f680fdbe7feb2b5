using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Core.Providers.InMemory;
using ExternalDns.Providers.Webhook;
using ExternalDns.Providers.Webhook.Server;
using ExternalDns.Testing;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Tests.Webhook;

/// <summary>Our webhook server (<c>--webhook-server</c>) in process, driven by a raw HTTP client and by our own webhook client.</summary>
public sealed class WebhookServerTests : IAsyncDisposable
{
    private const string MediaType = WebhookProtocol.MediaType;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };
    private readonly CapturingLoggers _logs = new();
    private readonly List<WebhookServer> _servers = [];

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        _logs.Dispose();
    }

    [Fact]
    public async Task Every_path_but_the_two_routes_negotiates_with_the_providers_domain_filter()
    {
        var url = await StartAsync(InMemory());

        using var root = await SendAsync(HttpMethod.Get, url, "/");
        using var other = await SendAsync(HttpMethod.Get, url, "/anything");

        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Equal(MediaType, string.Join(",", root.Content.Headers.NonValidated["Content-Type"]));
        Assert.Equal("{\"include\":[\"example.org\"]}\n", await root.Content.ReadAsStringAsync());
        Assert.Equal("{\"include\":[\"example.org\"]}\n", await other.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Our_client_reads_writes_and_adjusts_through_our_server()
    {
        var provider = InMemory();
        var url = await StartAsync(provider);
        using var client = Client(url);
        var a = new Endpoint("app.example.org", RecordTypes.A, 300, ["192.0.2.1"]);
        var txt = new Endpoint("a-app.example.org", RecordTypes.TXT, "\"heritage=external-dns,external-dns/owner=o\"");

        await client.ApplyChangesAsync(new Changes { Create = [a, txt] }, default);
        var records = await client.RecordsAsync(default);
        var adjusted = await client.AdjustEndpointsAsync([a], default);

        Assert.Equal(["app.example.org 300 IN A 192.0.2.1", "a-app.example.org IN TXT \"heritage=external-dns,external-dns/owner=o\""], records.Select(r => r.ToString()));
        Assert.Equal(2, (await provider.RecordsAsync(default)).Count);
        Assert.Equal("app.example.org 300 IN A 192.0.2.1", Assert.Single(adjusted).ToString());
        Assert.True(client.DomainFilter.Match("www.example.org"));
        Assert.False(client.DomainFilter.Match("www.example.com"));
    }

    [Fact]
    public async Task Member_names_are_matched_in_any_case_as_upstreams_server_does()
    {
        var provider = InMemory();
        var url = await StartAsync(provider);

        using var response = await SendAsync(HttpMethod.Post, url, "/records", """{"Create":[{"dnsName":"app.example.org","recordType":"A","targets":["192.0.2.1"]}]}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Single(await provider.RecordsAsync(default));
    }

    [Theory]
    [InlineData("POST", "/records", "not json", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/records", "", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/adjustendpoints", "{\"create\":[]}", HttpStatusCode.BadRequest)]
    [InlineData("PUT", "/records", "{}", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/adjustendpoints", null, HttpStatusCode.BadRequest)]
    public async Task Bad_requests_are_answered_400_and_change_nothing(string method, string path, string? body, HttpStatusCode expected)
    {
        var provider = InMemory();
        var url = await StartAsync(provider);

        using var response = await SendAsync(new HttpMethod(method), url, path, body);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(0, provider.ApplyCount);
    }

    [Theory]
    [InlineData("/records", true)]
    [InlineData("/records", false)]
    [InlineData("/adjustendpoints", true)]
    public async Task A_body_over_the_limit_is_answered_413(string path, bool withContentLength)
    {
        var provider = InMemory();
        var url = await StartAsync(provider, new WebhookServerOptions { MaxBodySize = 1024 });
        var body = path == "/records"
            ? $$"""{"create":[{"dnsName":"app.example.org","recordType":"TXT","targets":["{{new string('x', 4096)}}"]}]}"""
            : $$"""[{"dnsName":"app.example.org","recordType":"TXT","targets":["{{new string('x', 4096)}}"]}]""";
        using var request = Request(HttpMethod.Post, url, path, body);
        if (!withContentLength)
        {
            request.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", MediaType);
            request.Headers.TransferEncodingChunked = true;
        }

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, provider.ApplyCount);
    }

    [Fact]
    public async Task A_provider_failure_is_answered_500_which_our_client_treats_as_transient()
    {
        var url = await StartAsync(new ScriptedProvider { Failure = new ProviderTransientException("zone example.org: server unreachable") });
        using var client = Client(url);

        var ex = await Assert.ThrowsAsync<ProviderTransientException>(() => client.RecordsAsync(default));

        Assert.Contains("GET /records answered 500", ex.Message, StringComparison.Ordinal);
        Assert.Contains(_logs.Messages, m => m.Contains("GET /records failed, answered 500: zone example.org: server unreachable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_answer_not_ready_within_the_write_timeout_loses_its_connection()
    {
        var url = await StartAsync(new ScriptedProvider { Delay = TimeSpan.FromSeconds(30) }, new WebhookServerOptions { WriteTimeout = TimeSpan.FromMilliseconds(300) });
        using var client = Client(url);
        await client.NegotiateAsync(default);
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<ProviderTransientException>(() => client.RecordsAsync(default));

        Assert.Contains("GET /records failed", ex.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_body_that_does_not_arrive_within_the_read_timeout_is_answered_408()
    {
        var provider = InMemory();
        var url = await StartAsync(provider, new WebhookServerOptions { ReadTimeout = TimeSpan.FromMilliseconds(300) });
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(url.Host, url.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /records HTTP/1.1\r\nHost: {url.Authority}\r\nContent-Type: {MediaType}\r\nContent-Length: 100\r\n\r\n{{\"create\":"));

        using var reader = new StreamReader(stream);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var status = await reader.ReadLineAsync(timeout.Token);

        Assert.Equal("HTTP/1.1 408 Request Timeout", status);
        Assert.Equal(0, provider.ApplyCount);
    }

    [Fact]
    public async Task With_dry_run_changes_are_acknowledged_but_not_applied()
    {
        var provider = InMemory();
        var url = await StartAsync(provider, new WebhookServerOptions { DryRun = true });

        using var response = await SendAsync(HttpMethod.Post, url, "/records", """{"create":[{"dnsName":"app.example.org","recordType":"A","targets":["192.0.2.1"]}]}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await provider.RecordsAsync(default));
        Assert.Contains(_logs.Messages, m => m.Contains("(dry run): 1 to create", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Debug_logs_show_method_path_and_status_only()
    {
        var url = await StartAsync(InMemory());

        using var response = await SendAsync(HttpMethod.Post, url, "/records", """{"create":[{"dnsName":"secret-name.example.org","recordType":"A","targets":["192.0.2.77"]}]}""");

        Assert.Contains("Debug: Webhook server: POST /records answered 204", _logs.Messages);
        Assert.DoesNotContain(_logs.Messages, m => m.Contains("192.0.2.77", StringComparison.Ordinal) || m.Contains("secret-name", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_providers_retry_budget_is_renewed_when_a_client_starts_a_reconcile_with_get_records()
    {
        var budget = new RetryBudget(maxRetries: 2, TimeSpan.FromMinutes(1));
        var server = await WebhookServer.StartAsync(InMemory(), new WebhookServerOptions { Address = "127.0.0.1:0" }, _logs.Factory, default, budget);
        _servers.Add(server);
        Assert.True(budget.TryConsume(TimeSpan.FromSeconds(1)));
        Assert.True(budget.TryConsume(TimeSpan.FromSeconds(1)));
        Assert.False(budget.TryConsume(TimeSpan.FromSeconds(1)));

        using var negotiation = await SendAsync(HttpMethod.Get, new Uri(server.Url), "/");
        Assert.Equal(2, budget.RetriesUsed);
        using var records = await SendAsync(HttpMethod.Get, new Uri(server.Url), "/records");

        Assert.Equal(0, budget.RetriesUsed);
    }

    [Fact]
    public async Task A_taken_address_fails_to_start_with_an_io_error()
    {
        var url = await StartAsync(InMemory());

        await Assert.ThrowsAnyAsync<IOException>(() => WebhookServer.StartAsync(InMemory(), new WebhookServerOptions { Address = url.Authority }, _logs.Factory, default));
    }

    private static InMemoryProvider InMemory() => new(new InMemoryProviderOptions { Zones = ["example.org"] });

    private async Task<Uri> StartAsync(IDnsProvider provider, WebhookServerOptions? options = null)
    {
        var server = await WebhookServer.StartAsync(provider, (options ?? new WebhookServerOptions()) with { Address = "127.0.0.1:0" }, _logs.Factory, default);
        _servers.Add(server);
        return new Uri(server.Url);
    }

    private static WebhookProvider Client(Uri url) =>
        new(new WebhookProviderOptions { Url = url, NegotiationAttempts = 1 }, new ListLogger<WebhookProvider>(), new ProviderHttpFactory(new MetricRegistry(), TimeProvider.System, new ListLoggerFactory()));

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, string path, string? body = null) => _http.SendAsync(Request(method, url, path, body));

    private static HttpRequestMessage Request(HttpMethod method, Uri url, string path, string? body)
    {
        var request = new HttpRequestMessage(method, new Uri(url, path));
        request.Headers.TryAddWithoutValidation("Accept", MediaType);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", MediaType);
        }

        return request;
    }

    /// <summary>A provider that fails or answers late, to see what the server makes of it.</summary>
    private sealed class ScriptedProvider : IDnsProvider
    {
        public Exception? Failure { get; init; }

        public TimeSpan Delay { get; init; }

        public DomainFilter DomainFilter => DomainFilter.All;

        public async Task<IReadOnlyList<Endpoint>> RecordsAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(Delay, cancellationToken);
            return Failure is null ? [] : throw Failure;
        }

        public Task ApplyChangesAsync(Changes changes, CancellationToken cancellationToken) => Failure is null ? Task.CompletedTask : throw Failure;

        public IReadOnlyList<Endpoint> AdjustEndpoints(IReadOnlyList<Endpoint> endpoints) => endpoints;
    }

    /// <summary>Keeps every formatted log line (all levels) of every category.</summary>
    private sealed class CapturingLoggers : ILoggerProvider
    {
        public CapturingLoggers()
        {
            Factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(this));
        }

        public ILoggerFactory Factory { get; }

        public IReadOnlyList<string> Messages
        {
            get
            {
                lock (Lines)
                {
                    return [.. Lines];
                }
            }
        }

        private List<string> Lines { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Capturing(this);

        public void Dispose()
        {
        }

        private sealed class Capturing(CapturingLoggers owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner.Lines)
                {
                    owner.Lines.Add($"{logLevel}: {formatter(state, exception)}");
                }
            }
        }
    }
}

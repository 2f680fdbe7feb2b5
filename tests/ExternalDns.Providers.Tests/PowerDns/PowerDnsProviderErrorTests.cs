using ExternalDns.Core.Configuration;
using System.Net;
using System.Net.Sockets;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Providers.PowerDns;
using ExternalDns.Testing;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Tests.PowerDns;

/// <summary>
/// How HTTP failures map to exceptions, retries and backoff, against a fake innermost handler under the shared HTTP
/// stack, on a fake clock (the waits are the clock moves; jitter is pinned to 0).
/// </summary>
public sealed class PowerDnsProviderErrorTests
{
    private const string Key = "super-secret-api-key-42";

    private readonly FakeTimeProvider _time = new();
    private readonly List<TimeSpan> _waits = [];
    private readonly ListLoggerFactory _logs = new();
    private readonly MetricRegistry _metrics;

    public PowerDnsProviderErrorTests() => _metrics = new MetricRegistry(_time);

    private (PowerDnsProvider Provider, FakePowerDnsHandler Handler) Create(
        Func<RecordedRequest, HttpResponseMessage> respond,
        PowerDnsProviderOptions? options = null)
    {
        var handler = new FakePowerDnsHandler(respond);
        options ??= new PowerDnsProviderOptions { Server = "http://pdns.test:8081", ApiKey = Key, RequestTimeout = Timeout.InfiniteTimeSpan };
        return (Provider(options, handler), handler);
    }

    private PowerDnsProvider Provider(PowerDnsProviderOptions options, HttpMessageHandler handler) =>
        new(options, DomainFilter.All, new Logger<PowerDnsProvider>(_logs), PowerDnsTestHttp.Factory(handler, _time, _logs, _metrics));

    private Task Run(Task task) => _time.DriveAsync(task, _waits);

    private Task<T> Run<T>(Task<T> task) => _time.DriveAsync(task, _waits);

    private static HttpResponseMessage ZoneList() =>
        FakePowerDnsHandler.Json(HttpStatusCode.OK, """[{"id":"example.org.","name":"example.org."}]""");

    private static HttpResponseMessage ZoneOrList(RecordedRequest r) => r.Path.EndsWith("/zones", StringComparison.Ordinal)
        ? ZoneList()
        : FakePowerDnsHandler.Json(HttpStatusCode.OK, """{"id":"example.org.","name":"example.org.","rrsets":[]}""");

    private static Changes CreateWww() => new() { Create = [new Endpoint("www.example.org", RecordTypes.A, "192.0.2.1")] };

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task Refused_key_is_a_configuration_error_naming_the_flag_not_the_key(HttpStatusCode status)
    {
        var (provider, handler) = Create(_ => FakePowerDnsHandler.Text(status, "Unauthorized"));

        var ex = await Assert.ThrowsAsync<ProviderConfigurationException>(() => Run(provider.RecordsAsync(CancellationToken.None)));

        Assert.Contains("--pdns-api-key", ex.Message, StringComparison.Ordinal);
        Assert.Contains(((int)status).ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Contains("http://pdns.test:8081", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, ex.ToString(), StringComparison.Ordinal);
        Assert.Single(handler.Requests); // not retried
        Assert.Empty(_waits);
        Assert.DoesNotContain(_logs.Messages, m => m.Contains(Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_server_echoing_the_key_has_it_redacted()
    {
        var (provider, _) = Create(_ => FakePowerDnsHandler.Json(HttpStatusCode.UnprocessableEntity, $$"""{"error": "bad key {{Key}}"}"""));
        var ex = await Assert.ThrowsAsync<PowerDnsApiException>(() => Run(provider.RecordsAsync(CancellationToken.None)));
        Assert.DoesNotContain(Key, ex.Message, StringComparison.Ordinal);
        Assert.Contains("[redacted]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_server_id_is_a_configuration_error()
    {
        var (provider, _) = Create(
            _ => FakePowerDnsHandler.Text(HttpStatusCode.NotFound, "Not Found"),
            new PowerDnsProviderOptions { Server = "http://pdns.test:8081", ServerId = "nope", ApiKey = Key });

        var ex = await Assert.ThrowsAsync<ProviderConfigurationException>(() => Run(provider.RecordsAsync(CancellationToken.None)));
        Assert.Contains("--pdns-server-id", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'nope'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unprocessable_patch_surfaces_the_server_error_text()
    {
        var (provider, handler) = Create(r => r.Method == "GET"
            ? ZoneList()
            : FakePowerDnsHandler.Json(HttpStatusCode.UnprocessableEntity, """{"error": "RRset www.example.org. IN A: Conflicts with pre-existing RRset"}"""));

        var ex = await Assert.ThrowsAsync<PowerDnsApiException>(() => Run(provider.ApplyChangesAsync(CreateWww(), CancellationToken.None)));

        Assert.Equal(422, ex.StatusCode);
        Assert.Equal("example.org.", ex.Zone);
        Assert.Equal("RRset www.example.org. IN A: Conflicts with pre-existing RRset", ex.ServerMessage);
        Assert.Contains("Conflicts with pre-existing RRset", ex.Message, StringComparison.Ordinal);
        Assert.Contains("example.org.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, handler.Requests.Count); // a 422 is not retried
        Assert.Empty(_waits);
    }

    [Fact]
    public async Task Zone_that_vanished_surfaces_404_with_the_zone_name()
    {
        var (provider, _) = Create(r => r.Method == "GET" && r.Path.EndsWith("/zones", StringComparison.Ordinal)
            ? ZoneList()
            : FakePowerDnsHandler.Json(HttpStatusCode.NotFound, """{"error": "Could not find domain 'example.org.'"}"""));

        var ex = await Assert.ThrowsAsync<PowerDnsApiException>(() => Run(provider.RecordsAsync(CancellationToken.None)));
        Assert.Equal(404, ex.StatusCode);
        Assert.Contains("example.org.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Could not find domain", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task Server_errors_are_retried_three_times_with_backoff_then_transient(HttpStatusCode status)
    {
        var (provider, handler) = Create(_ => FakePowerDnsHandler.Json(status, """{"error": "backend is down"}"""));

        var ex = await Assert.ThrowsAsync<ProviderTransientException>(() => Run(provider.RecordsAsync(CancellationToken.None)));

        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(3, provider.RequestCount);
        Assert.Equal([TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500)], _waits);
        Assert.Contains("backend is down", ex.Message, StringComparison.Ordinal);
        Assert.Contains("3 attempts", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transient_failure_followed_by_success_is_invisible()
    {
        var calls = 0;
        var (provider, handler) = Create(r =>
            Interlocked.Increment(ref calls) == 1 ? FakePowerDnsHandler.Text(HttpStatusCode.ServiceUnavailable, "busy") : ZoneOrList(r));

        var records = await Run(provider.RecordsAsync(CancellationToken.None));

        Assert.Empty(records);
        Assert.Equal(3, handler.Requests.Count); // list (503), list, zone
        Assert.Equal([TimeSpan.FromMilliseconds(250)], _waits);
    }

    [Fact]
    public async Task Connection_refused_is_transient_and_the_provider_keeps_working_afterwards()
    {
        var down = true;
        var (provider, handler) = Create(r => down
            ? throw new HttpRequestException("Connection refused (pdns.test:8081)", new SocketException((int)SocketError.ConnectionRefused))
            : r.Method == "GET" ? ZoneList() : new HttpResponseMessage(HttpStatusCode.NoContent));

        var ex = await Assert.ThrowsAsync<ProviderTransientException>(() => Run(provider.ApplyChangesAsync(CreateWww(), CancellationToken.None)));
        Assert.Contains("Connection refused", ex.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.Equal(3, handler.Requests.Count);

        down = false;
        await Run(provider.ApplyChangesAsync(CreateWww(), CancellationToken.None));
        Assert.Equal("PATCH", handler.Requests[^1].Method);
    }

    [Fact]
    public async Task A_request_timeout_is_transient()
    {
        var handler = new HangingHandler();
        using var provider = Provider(
            new PowerDnsProviderOptions { Server = "http://pdns.test:8081", ApiKey = Key, RequestTimeout = TimeSpan.FromSeconds(5), MaxAttempts = 2 },
            handler);

        var ex = await Assert.ThrowsAsync<ProviderTransientException>(() => Run(provider.RecordsAsync(CancellationToken.None)));
        Assert.Contains("no answer within 5 s", ex.Message, StringComparison.Ordinal);
        Assert.Contains("after 2 attempts", ex.Message, StringComparison.Ordinal);
        Assert.IsType<TimeoutException>(ex.InnerException);
        Assert.Equal(2, handler.Calls);
        Assert.Equal(2, provider.RequestCount);
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5)], _waits);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_a_provider_error()
    {
        var handler = new HangingHandler();
        using var provider = Provider(new PowerDnsProviderOptions { Server = "http://pdns.test:8081", ApiKey = Key }, handler);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => provider.RecordsAsync(cts.Token));
        Assert.Equal(1, handler.Calls);
    }

    [Theory]
    [InlineData("", "localhost", "--pdns-api-key")]
    [InlineData("k", "", "--pdns-server-id")]
    public void Missing_settings_are_flag_errors(string key, string serverId, string flag)
    {
        var ex = Assert.Throws<FlagException>(() => new PowerDnsProvider(
            new PowerDnsProviderOptions { ApiKey = key, ServerId = serverId }, DomainFilter.All, new ListLogger<PowerDnsProvider>()));
        Assert.Contains(flag, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("ftp://pdns.test")]
    [InlineData("not a url")]
    public void Server_must_be_an_http_url(string server)
    {
        var ex = Assert.Throws<FlagException>(() => new PowerDnsProvider(
            new PowerDnsProviderOptions { Server = server, ApiKey = Key }, DomainFilter.All, new ListLogger<PowerDnsProvider>()));
        Assert.Contains("--pdns-server", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_info_in_the_server_url_is_not_shown()
    {
        var (provider, _) = Create(
            _ => FakePowerDnsHandler.Text(HttpStatusCode.Unauthorized, "Unauthorized"),
            new PowerDnsProviderOptions { Server = "http://admin:hunter2@pdns.test:8081", ApiKey = Key });
        var ex = await Assert.ThrowsAsync<ProviderConfigurationException>(() => Run(provider.RecordsAsync(CancellationToken.None)));
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_are_measured_per_operation_in_the_shared_metrics()
    {
        var (provider, _) = Create(r => r.Method == "PATCH" ? FakePowerDnsHandler.Text(HttpStatusCode.ServiceUnavailable, "busy") : ZoneOrList(r));

        await Run(provider.RecordsAsync(CancellationToken.None));
        await Assert.ThrowsAsync<ProviderTransientException>(() => Run(provider.ApplyChangesAsync(CreateWww(), CancellationToken.None)));

        var calls = (Metric)_metrics.Find("external_dns_provider_api_calls_total")!;
        Assert.Equal(1, calls.Get("pdns", "ListZones", "success"));
        Assert.Equal(1, calls.Get("pdns", "GetZone", "success"));
        Assert.Equal(3, calls.Get("pdns", "PatchZone", "server_error"));
        var exposition = _metrics.Render();
        Assert.Contains("external_dns_http_request_duration_seconds_count{handler=\"instrumented_http\",host=\"pdns.test:8081\",method=\"PATCH\",path=\"example.org.\",scheme=\"http\",status=\"503\"} 3", exposition, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, exposition, StringComparison.Ordinal);
    }

    private sealed class HangingHandler : HttpMessageHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Http;

namespace ExternalDns.Core.Tests.Http;

/// <summary>The retry part of the handler stack, against a scripted inner handler on a fake clock.</summary>
public sealed class ProviderHttpRetryTests
{
    private static readonly TimeSpan S1 = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task Throttling_and_server_errors_are_retried(HttpStatusCode status)
    {
        using var rig = new HttpRig();
        rig.Handler.Then(status).Then(HttpStatusCode.OK, "[]");

        using var response = await rig.GetAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([1, 2], rig.Handler.Requests.Select(r => r.Attempt));
        Assert.Equal(2, response.RequestMessage!.GetAttempts());
        Assert.Equal([S1], rig.Waits);
        Assert.Equal(1, rig.Factory.Budget.RetriesUsed);
    }

    [Fact]
    public async Task Connection_refused_is_retried()
    {
        using var rig = new HttpRig();
        rig.Handler
            .ThenThrow(() => new HttpRequestException("Connection refused (api.test:8443)", new SocketException((int)SocketError.ConnectionRefused)))
            .Then(HttpStatusCode.OK);

        using var response = await rig.GetAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, rig.Handler.Requests.Count);
        Assert.Equal(1, rig.ApiCalls(ProviderHttpOutcome.NetworkError));
        Assert.Equal(1, rig.ApiCalls(ProviderHttpOutcome.Success));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    public async Task Other_client_errors_are_returned_at_once(HttpStatusCode status)
    {
        using var rig = new HttpRig();
        rig.Handler.Then(status, "nope").Then(HttpStatusCode.OK);

        using var response = await rig.GetAsync();

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nope", await response.Content.ReadAsStringAsync());
        Assert.Single(rig.Handler.Requests);
        Assert.Empty(rig.Waits);
        Assert.Equal(0, rig.Factory.Budget.RetriesUsed);
        Assert.Equal(1, rig.ApiCalls(ProviderHttpOutcome.ClientError));
    }

    [Fact]
    public async Task Retry_after_in_seconds_is_honoured()
    {
        using var rig = new HttpRig();
        rig.Handler.Then(HttpStatusCode.ServiceUnavailable, configure: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7))).Then(HttpStatusCode.OK);

        using var response = await rig.GetAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([TimeSpan.FromSeconds(7)], rig.Waits);
        Assert.Equal(TimeSpan.FromSeconds(7), rig.Factory.Budget.WaitUsed);
    }

    [Fact]
    public async Task Retry_after_as_an_http_date_is_honoured()
    {
        using var rig = new HttpRig();
        var at = rig.Time.GetUtcNow() + TimeSpan.FromSeconds(12);
        rig.Handler.Then(HttpStatusCode.TooManyRequests, configure: r => r.Headers.TryAddWithoutValidation("Retry-After", at.ToString("R"))).Then(HttpStatusCode.OK);

        using var response = await rig.GetAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([TimeSpan.FromSeconds(12)], rig.Waits);
    }

    [Fact]
    public async Task Retry_after_in_the_past_retries_at_once()
    {
        using var rig = new HttpRig();
        var at = rig.Time.GetUtcNow() - TimeSpan.FromMinutes(1);
        rig.Handler.Then(HttpStatusCode.TooManyRequests, configure: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(at)).Then(HttpStatusCode.OK);

        using var response = await rig.GetAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(rig.Waits);
        Assert.Equal(2, rig.Handler.Requests.Count);
    }

    [Fact]
    public async Task Retry_after_is_capped()
    {
        using var rig = new HttpRig(new ProviderHttpOptions { Provider = "cloudflare", Timeout = Timeout.InfiniteTimeSpan, MaxRetryAfter = TimeSpan.FromSeconds(5) });
        rig.Handler.Then(HttpStatusCode.TooManyRequests, configure: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(1))).Then(HttpStatusCode.OK);

        using var response = await rig.GetAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([TimeSpan.FromSeconds(5)], rig.Waits);
    }

    [Fact]
    public async Task Backoff_doubles_up_to_the_maximum_and_the_last_answer_is_returned()
    {
        using var rig = new HttpRig(
            new ProviderHttpOptions { Provider = "aws", Timeout = Timeout.InfiniteTimeSpan, MaxRetries = 4, InitialBackoff = S1, MaxBackoff = TimeSpan.FromSeconds(3) },
            jitter: () => 0.5);
        var n = 0;
        rig.Handler.Then((_, _) => Task.FromResult(ScriptedHandler.Answer(HttpStatusCode.InternalServerError, $"answer {Interlocked.Increment(ref n)}")));

        using var response = await rig.GetAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("answer 5", await response.Content.ReadAsStringAsync());
        Assert.Equal(5, response.RequestMessage!.GetAttempts());
        Assert.Equal([1.5, 3, 4.5, 4.5], rig.Waits.Select(w => w.TotalSeconds));
        Assert.Equal(5, rig.ApiCalls(ProviderHttpOutcome.ServerError));
    }

    [Fact]
    public async Task Random_jitter_keeps_each_wait_between_one_and_two_base_delays()
    {
        using var rig = new HttpRig(
            new ProviderHttpOptions { Provider = "aws", Timeout = Timeout.InfiniteTimeSpan, MaxRetries = 6, InitialBackoff = S1, MaxBackoff = TimeSpan.FromSeconds(4) },
            jitter: Random.Shared.NextDouble);
        rig.Handler.Then(HttpStatusCode.ServiceUnavailable);

        using var response = await rig.GetAsync();

        double[] bases = [1, 2, 4, 4, 4, 4];
        Assert.Equal(bases.Length, rig.Waits.Count);
        for (var i = 0; i < bases.Length; i++)
        {
            Assert.InRange(rig.Waits[i].TotalSeconds, bases[i], 2 * bases[i]);
        }
    }

    [Fact]
    public async Task No_retries_when_max_retries_is_zero()
    {
        using var rig = new HttpRig(new ProviderHttpOptions { Provider = "aws", Timeout = Timeout.InfiniteTimeSpan, MaxRetries = 0 });
        rig.Handler.Then(HttpStatusCode.ServiceUnavailable);

        using var response = await rig.GetAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Single(rig.Handler.Requests);
        Assert.Equal(0, rig.Factory.Budget.RetriesUsed);
    }

    [Fact]
    public async Task A_spent_budget_returns_the_last_answer_at_once_until_it_is_reset()
    {
        using var rig = new HttpRig(
            new ProviderHttpOptions { Provider = "google", Timeout = Timeout.InfiniteTimeSpan, MaxRetries = 10, InitialBackoff = S1 },
            new RetryBudget(maxRetries: 2, maxTotalWait: TimeSpan.FromHours(1)));
        rig.Handler.Then(HttpStatusCode.ServiceUnavailable);

        using (var first = await rig.GetAsync())
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        }

        Assert.Equal(3, rig.Handler.Requests.Count);
        Assert.Equal(2, rig.Waits.Count);

        rig.Waits.Clear();
        using (var second = await rig.GetAsync())
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        }

        Assert.Equal(4, rig.Handler.Requests.Count); // one attempt, no retry: the budget is spent
        Assert.Empty(rig.Waits);
        Assert.Contains(rig.Logs.Messages, m => m.Contains("retry budget", StringComparison.Ordinal));

        rig.Factory.Budget.Reset();
        using (var third = await rig.GetAsync())
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, third.StatusCode);
        }

        Assert.Equal(7, rig.Handler.Requests.Count);
    }

    [Fact]
    public async Task The_budget_limits_total_waiting()
    {
        using var rig = new HttpRig(
            new ProviderHttpOptions { Provider = "google", Timeout = Timeout.InfiniteTimeSpan, MaxRetries = 10, InitialBackoff = S1, MaxBackoff = S1 },
            new RetryBudget(maxRetries: 100, maxTotalWait: TimeSpan.FromSeconds(2.5)));
        rig.Handler.Then(HttpStatusCode.ServiceUnavailable);

        using var response = await rig.GetAsync();

        Assert.Equal([S1, S1], rig.Waits); // a third 1 s wait would pass 2.5 s
        Assert.Equal(3, rig.Handler.Requests.Count);
    }

    [Fact]
    public async Task The_body_is_sent_again_intact()
    {
        using var rig = new HttpRig();
        rig.Handler.Then(HttpStatusCode.BadGateway).ThenThrow(() => new HttpRequestException("reset")).Then(HttpStatusCode.NoContent);
        const string json = """{"rrsets":[{"name":"www.example.org.","changetype":"REPLACE"}]}""";
        var request = new HttpRequestMessage(HttpMethod.Patch, HttpRig.Url)
        {
            // A stream that can be read only once: the stack must buffer it.
            Content = new StreamContent(new OneShotStream(Encoding.UTF8.GetBytes(json))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await rig.SendAsync(request.WithOperation("PatchZone"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(3, rig.Handler.Requests.Count);
        Assert.All(rig.Handler.Requests, r => Assert.Equal(json, r.Body));
        Assert.All(rig.Handler.Requests, r => Assert.Equal("application/json", r.ContentType));
        Assert.All(rig.Handler.Requests, r => Assert.Equal("PATCH", r.Method));
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_retried()
    {
        using var rig = new HttpRig();
        rig.Handler.ThenHang();
        using var cts = new CancellationTokenSource();
        var call = rig.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, HttpRig.Url), cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(rig.Handler.Requests);
        Assert.Equal(0, rig.Factory.Budget.RetriesUsed);
        Assert.Equal(0, rig.ApiCalls(ProviderHttpOutcome.NetworkError, "GET") + rig.ApiCalls(ProviderHttpOutcome.Timeout, "GET"));
    }

    [Fact]
    public async Task Cancellation_during_the_backoff_stops_retrying()
    {
        using var rig = new HttpRig();
        rig.Handler.Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.OK);
        using var cts = new CancellationTokenSource();
        var call = rig.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, HttpRig.Url), cts.Token);
        Assert.NotNull(rig.Time.NextTimerDue); // waiting for the retry
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(rig.Handler.Requests);
    }

    [Fact]
    public async Task Exhausted_network_failures_throw_a_transient_error_naming_provider_operation_and_host_only()
    {
        using var rig = new HttpRig(new ProviderHttpOptions { Provider = "cloudflare", Timeout = Timeout.InfiniteTimeSpan, MaxRetries = 2, InitialBackoff = S1 });
        rig.Handler.ThenThrow(() => new HttpRequestException($"Connection refused ({HttpRig.Url})", new SocketException((int)SocketError.ConnectionRefused)));
        var request = new HttpRequestMessage(HttpMethod.Get, HttpRig.Url).WithOperation("ListZones");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "tok-123456");

        var e = await Assert.ThrowsAsync<ProviderTransientException>(() => rig.SendAsync(request));

        Assert.Equal(3, rig.Handler.Requests.Count);
        Assert.Contains("cloudflare", e.Message, StringComparison.Ordinal);
        Assert.Contains("ListZones", e.Message, StringComparison.Ordinal);
        Assert.Contains("api.test:8443", e.Message, StringComparison.Ordinal);
        Assert.Contains("Connection refused", e.Message, StringComparison.Ordinal);
        Assert.Contains("3 attempts", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-123456", e.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(e.InnerException);
        Assert.DoesNotContain(rig.Logs.Messages, m => m.Contains("s3cr3t", StringComparison.Ordinal) || m.Contains("tok-123456", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tls_handshake_failure_is_not_retried()
    {
        using var rig = new HttpRig();
        rig.Handler.ThenThrow(() => new HttpRequestException("The SSL connection could not be established", new System.Security.Authentication.AuthenticationException("remote certificate is invalid")));

        await Assert.ThrowsAsync<HttpRequestException>(() => rig.GetAsync());
        Assert.Single(rig.Handler.Requests);
    }

    [Fact]
    public async Task The_operation_defaults_to_the_method()
    {
        using var rig = new HttpRig();
        rig.Handler.Then(HttpStatusCode.OK);
        using var response = await rig.SendAsync(new HttpRequestMessage(HttpMethod.Delete, HttpRig.Url));
        Assert.Equal(1, rig.ApiCalls(ProviderHttpOutcome.Success, "DELETE"));
    }

    [Fact]
    public void Disposing_the_stack_leaves_the_injected_handler_usable()
    {
        var rig = new HttpRig();
        rig.Dispose();
        Assert.False(rig.Handler.Disposed);
    }

    [Fact]
    public void Nonsense_options_are_rejected()
    {
        var factory = new ProviderHttpFactory(new MetricRegistry(), TimeProvider.System, new ExternalDns.Testing.ListLoggerFactory());
        Assert.Throws<ArgumentException>(() => factory.CreateHandler(new ProviderHttpOptions { Provider = "x", MaxRetries = -1 }));
        Assert.Throws<ArgumentException>(() => factory.CreateHandler(new ProviderHttpOptions { Provider = "x", Timeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => factory.CreateHandler(new ProviderHttpOptions { Provider = " " }));
    }

    /// <summary>A read-only stream that refuses a second read pass (no seeking).</summary>
    private sealed class OneShotStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();

        public override long Position
        {
            get => base.Position;
            set => throw new NotSupportedException();
        }
    }
}

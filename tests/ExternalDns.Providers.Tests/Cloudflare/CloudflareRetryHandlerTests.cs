using System.Net;
using ExternalDns.Core.Providers;
using ExternalDns.Providers.Cloudflare.Http;
using ExternalDns.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Providers.Tests.Cloudflare;

public sealed class CloudflareRetryHandlerTests
{
    [Fact]
    public async Task Retry_after_is_honoured_on_the_injected_clock()
    {
        var clock = new FakeTimeProvider();
        var answers = new Queue<HttpResponseMessage>();
        var throttled = new HttpResponseMessage((HttpStatusCode)429);
        throttled.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        answers.Enqueue(throttled);
        answers.Enqueue(new HttpResponseMessage(HttpStatusCode.OK));
        using var handler = new CloudflareRetryHandler(new CloudflareRetryOptions { Timeout = Timeout.InfiniteTimeSpan }, clock, NullLogger.Instance, new Stub(answers));
        using var client = new HttpClient(handler);

        var send = client.GetAsync("http://api.test/client/v4/zones");
        await WaitAsync(() => clock.ActiveTimers == 1);
        clock.Advance(TimeSpan.FromSeconds(6.9));
        await Task.Delay(20);
        Assert.False(send.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(0.1));
        var response = await send.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, handler.Retries);
    }

    [Fact]
    public async Task Retry_after_is_capped_and_the_last_answer_is_returned_when_retries_run_out()
    {
        var answers = new Queue<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            var r = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromHours(1));
            answers.Enqueue(r);
        }

        var options = new CloudflareRetryOptions { MaxRetries = 2, MaxRetryAfter = TimeSpan.FromMilliseconds(1) };
        using var handler = new CloudflareRetryHandler(options, TimeProvider.System, NullLogger.Instance, new Stub(answers));
        using var client = new HttpClient(handler);
        var response = await client.GetAsync("http://api.test/x").WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(2, handler.Retries);
    }

    [Fact]
    public async Task Client_errors_are_not_retried_and_network_failures_become_transient()
    {
        var answers = new Queue<HttpResponseMessage>([new HttpResponseMessage(HttpStatusCode.BadRequest)]);
        using var handler = new CloudflareRetryHandler(new CloudflareRetryOptions(), TimeProvider.System, NullLogger.Instance, new Stub(answers));
        using var client = new HttpClient(handler);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("http://api.test/x")).StatusCode);
        Assert.Equal(0, handler.Retries);

        using var failing = new CloudflareRetryHandler(new CloudflareRetryOptions { MaxRetries = 1, InitialBackoff = TimeSpan.FromMilliseconds(1) }, TimeProvider.System, NullLogger.Instance, new Stub(new Queue<HttpResponseMessage>()));
        using var failingClient = new HttpClient(failing);
        var ex = await Assert.ThrowsAsync<ProviderTransientException>(() => failingClient.GetAsync("http://api.test/zones?secret=1"));
        Assert.Contains("GET /zones at api.test", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    private sealed class Stub(Queue<HttpResponseMessage> answers) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (answers)
            {
                return answers.Count > 0 ? Task.FromResult(answers.Dequeue()) : throw new HttpRequestException("connection refused");
            }
        }
    }
}

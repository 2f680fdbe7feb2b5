using ExternalDns.Core.Metrics;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Providers.Webhook;
using ExternalDns.Testing;
using ExternalDns.Testing.Webhook;

namespace ExternalDns.Providers.Tests.Webhook;

/// <summary>
/// The body limit holds memory down: measured with the process-wide allocation counter, so this class runs alone
/// (its own collection, not in parallel with other tests whose allocations would count).
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class WebhookBodyLimitTests : IAsyncLifetime
{
    private WebhookTestServer _server = null!;

    public async Task InitializeAsync() => _server = await WebhookTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_answer_over_the_body_limit_is_an_error_read_with_a_bounded_buffer()
    {
        _server.Inject(WebhookFault.Oversized("GET", "/records", 256L << 20));
        using var provider = new WebhookProvider(
            new WebhookProviderOptions { Url = _server.Url, MaxBodySize = 1 << 20 }, new ListLogger<WebhookProvider>(), new ProviderHttpFactory(new MetricRegistry(), TimeProvider.System, new ListLoggerFactory()));
        await provider.NegotiateAsync(default);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);

        var ex = await Assert.ThrowsAsync<WebhookException>(() => provider.RecordsAsync(default));

        Assert.Contains("GET /records: the body is larger than 1048576 bytes (--webhook-provider-max-body-size)", ex.Message, StringComparison.Ordinal);
        var used = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Assert.True(used < 64L << 20, $"{used} bytes allocated while refusing a 256 MiB answer: it was buffered");
    }
}

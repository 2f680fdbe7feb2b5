using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Providers.Cloudflare;
using ExternalDns.Testing;
using ExternalDns.Testing.Cloudflare;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Providers.Tests.Cloudflare;

/// <summary>The provider on the shared HTTP stack: Retry-After on the injected clock, metrics per operation.</summary>
public sealed class CloudflareHttpTests
{
    [Fact]
    public async Task Retry_after_from_cloudflare_is_honoured_on_the_injected_clock()
    {
        var clock = new FakeTimeProvider();
        await using var server = await CloudflareApiServer.StartAsync();
        server.AddZone("example.org");
        server.Faults.ThrottleNext(1, retryAfterSeconds: 7, operation: CloudflareCallCounter.ZonesList);
        var http = new ProviderHttpFactory(new MetricRegistry(), clock, NullLoggerFactory.Instance);
        var options = new CloudflareProviderOptions { BaseUrl = server.BaseUrl, Http = new ProviderHttpOptions { Provider = "cloudflare", Timeout = Timeout.InfiniteTimeSpan } };
        using var provider = CloudflareProvider.Create(options, CloudflareCredentials.FromToken(server.Token), DomainFilter.All, NullLoggerFactory.Instance, http);

        var read = provider.RecordsAsync(CancellationToken.None);
        await WaitAsync(() => server.Calls[CloudflareCallCounter.ZonesList] == 1 && clock.ActiveTimers == 1);
        clock.Advance(TimeSpan.FromSeconds(6.9));
        await Task.Delay(50);
        Assert.Equal(1, server.Calls[CloudflareCallCounter.ZonesList]);
        Assert.False(read.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(0.1));
        await read.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, server.Calls[CloudflareCallCounter.ZonesList]);
    }

    [Fact]
    public async Task Api_calls_are_counted_per_operation_and_outcome()
    {
        await using var h = await CloudflareHarness.StartAsync();
        var metrics = new MetricRegistry();
        var http = new ProviderHttpFactory(metrics, TimeProvider.System, NullLoggerFactory.Instance);
        var zone = h.Server.AddZone("example.org");
        h.Server.Faults.ThrottleNext(1, operation: CloudflareCallCounter.RecordsBatch);
        using var provider = CloudflareProvider.Create(CloudflareHarness.FastOptions(h.Server), CloudflareCredentials.FromToken(h.Server.Token), DomainFilter.All, NullLoggerFactory.Instance, http);
        await provider.RecordsAsync(CancellationToken.None);
        await provider.ApplyChangesAsync(new ExternalDns.Core.Planning.Changes { Create = { new Endpoint("www.example.org", "A", "192.0.2.1") } }, CancellationToken.None);

        var text = metrics.Render();
        Assert.True(text.Contains("external_dns_provider_api_calls_total{operation=\"ListZones\",outcome=\"success\",provider=\"cloudflare\"} 1", StringComparison.Ordinal), text);
        Assert.True(text.Contains("external_dns_provider_api_calls_total{operation=\"ListDNSRecords\",outcome=\"success\",provider=\"cloudflare\"} 1", StringComparison.Ordinal), text);
        Assert.True(text.Contains("external_dns_provider_api_calls_total{operation=\"BatchDNSRecords\",outcome=\"throttled\",provider=\"cloudflare\"} 1", StringComparison.Ordinal), text);
        Assert.True(text.Contains("external_dns_provider_api_calls_total{operation=\"BatchDNSRecords\",outcome=\"success\",provider=\"cloudflare\"} 1", StringComparison.Ordinal), text);
        Assert.DoesNotContain(h.Server.Token, text, StringComparison.Ordinal);
        Assert.Single(h.Server.Records(zone.Id));
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}

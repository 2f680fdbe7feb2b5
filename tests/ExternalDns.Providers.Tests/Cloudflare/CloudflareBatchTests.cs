using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Providers.Cloudflare;
using ExternalDns.Providers.Cloudflare.Api;
using ExternalDns.Testing;
using ExternalDns.Testing.Cloudflare;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Providers.Tests.Cloudflare;

public sealed class CloudflareBatchTests
{
    private static Endpoint Owned(string name, string type, string target)
    {
        var e = new Endpoint(name, type, target);
        return e;
    }

    [Fact]
    public async Task One_invalid_record_is_rejected_by_name_and_every_other_change_lands()
    {
        await using var h = await CloudflareHarness.StartAsync();
        var zone = h.Server.AddZone("example.org");
        var changes = new Changes();
        for (var i = 0; i < 9; i++)
        {
            changes.Create.Add(Owned($"host{i}.example.org", "A", $"192.0.2.{i + 1}"));
        }

        changes.Create.Insert(4, Owned("bad.example.org", "A", "999.1.1.1"));

        var ex = await Assert.ThrowsAsync<ProviderTransientException>(() => h.Provider.ApplyChangesAsync(changes, CancellationToken.None));
        Assert.StartsWith("1 of 10 Cloudflare changes rejected: bad.example.org (", ex.Message, StringComparison.Ordinal);
        Assert.Contains("IPv4", ex.Message, StringComparison.Ordinal);
        var names = h.Server.Records(zone.Id).Select(r => r.Name).ToHashSet();
        Assert.Equal(9, names.Count);
        Assert.DoesNotContain("bad.example.org", names);
        Assert.Contains(h.Logs.Warnings, w => w.Contains("bad.example.org", StringComparison.Ordinal) && w.Contains("rejected", StringComparison.Ordinal));

        // Halving: 1 refused batch of 10, then 5+5, then the bad half again in 2+3 and so on: far fewer calls than one per record.
        var batches = h.Server.Calls[CloudflareCallCounter.RecordsBatch];
        Assert.InRange(batches, 3, 9);
    }

    [Fact]
    public async Task A_zone_that_vanished_is_not_split_record_by_record()
    {
        await using var h = await CloudflareHarness.StartAsync();
        var zone = h.Server.AddZone("example.org");
        await h.Provider.RecordsAsync(CancellationToken.None);
        h.Server.RemoveZone(zone.Id);
        var changes = new Changes();
        for (var i = 0; i < 10; i++)
        {
            changes.Create.Add(new Endpoint($"h{i}.example.org", "A", $"192.0.2.{i + 1}"));
        }

        var ex = await Assert.ThrowsAsync<ProviderTransientException>(() => h.Provider.ApplyChangesAsync(changes, CancellationToken.None));
        Assert.StartsWith("10 of 10 Cloudflare changes rejected", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, h.Server.Calls[CloudflareCallCounter.RecordsBatch]);
    }

    [Fact]
    public async Task A_record_and_its_ownership_txt_are_never_split_across_batches()
    {
        await using var h = await CloudflareHarness.StartAsync(o => new() { BaseUrl = o.BaseUrl, Http = o.Http, BatchChangeInterval = TimeSpan.Zero, BatchChangeSize = 1 });
        var zone = h.Server.AddZone("example.org");
        for (var i = 0; i < 150; i++)
        {
            h.Source.Endpoints.Add(CloudflareHarness.Ep($"h{i:000}.example.org", "A", $"10.0.{i / 256}.{i % 256}"));
        }

        await h.ReconcileAsync();
        Assert.Equal(300, h.Server.Records(zone.Id).Count);

        // 300 operations in pairs, at most 200 (max(1, 200)) per batch on a Free zone: 2 batches, none splitting a pair.
        Assert.Equal(2, h.Server.Calls[CloudflareCallCounter.RecordsBatch]);
        var batchBodies = h.Server.Requests.Where(r => r.Operation == CloudflareCallCounter.RecordsBatch).ToList();
        Assert.Equal(2, batchBodies.Count);
    }

    [Theory]
    [InlineData(CloudflarePlan.Free, 5000, 3)]
    [InlineData(CloudflarePlan.Pro, 5000, 1)]
    [InlineData(CloudflarePlan.Pro, 300, 2)]
    [InlineData(CloudflarePlan.Pro, 100, 3)]
    public async Task Batch_size_is_max_of_flag_and_200_capped_at_the_plan_limit(CloudflarePlan plan, int batchChangeSize, int expectedBatches)
    {
        await using var h = await CloudflareHarness.StartAsync(o => new() { BaseUrl = o.BaseUrl, Http = o.Http, BatchChangeInterval = TimeSpan.Zero, BatchChangeSize = batchChangeSize });
        var zone = h.Server.AddZone("example.org", plan);
        var changes = new Changes();
        for (var i = 0; i < 450; i++)
        {
            changes.Create.Add(new Endpoint($"h{i:000}.example.org", "A", $"10.1.{i / 256}.{i % 256}"));
        }

        await h.Provider.RecordsAsync(CancellationToken.None);
        await h.Provider.ApplyChangesAsync(changes, CancellationToken.None);
        Assert.Equal(450, h.Server.Records(zone.Id).Count);
        Assert.Equal(expectedBatches, h.Server.Calls[CloudflareCallCounter.RecordsBatch]);
    }

    [Fact]
    public async Task Batches_are_separated_by_the_batch_change_interval()
    {
        var clock = new FakeTimeProvider();
        await using var server = await CloudflareApiServer.StartAsync();
        var zone = server.AddZone("example.org");
        var options = new CloudflareProviderOptions { BaseUrl = server.BaseUrl, BatchChangeInterval = TimeSpan.FromSeconds(1) };

        // The HTTP stack on the real clock, the provider's pause on the fake one: the only fake timer is the pause.
        var client = new CloudflareApiClient(server.BaseUrl, CloudflareCredentials.FromToken(server.Token), new SocketsHttpHandler());
        using var provider = new CloudflareProvider(options, client, DomainFilter.All, NullLogger<CloudflareProvider>.Instance, clock, client);
        var changes = new Changes();
        for (var i = 0; i < 250; i++)
        {
            changes.Create.Add(new Endpoint($"h{i:000}.example.org", "A", $"10.2.{i / 256}.{i % 256}"));
        }

        await provider.RecordsAsync(CancellationToken.None);
        var apply = provider.ApplyChangesAsync(changes, CancellationToken.None);
        await WaitUntilAsync(() => server.Calls[CloudflareCallCounter.RecordsBatch] == 1 && clock.ActiveTimers == 1);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(50);
        Assert.Equal(1, server.Calls[CloudflareCallCounter.RecordsBatch]);
        Assert.False(apply.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await apply.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, server.Calls[CloudflareCallCounter.RecordsBatch]);
        Assert.Equal(250, server.Records(zone.Id).Count);
    }

    [Fact]
    public async Task Throttled_batch_is_retried_after_retry_after_and_succeeds()
    {
        await using var h = await CloudflareHarness.StartAsync();
        var zone = h.Server.AddZone("example.org");
        h.Source.Endpoints.Add(CloudflareHarness.Ep("www.example.org", "A", "192.0.2.1"));
        h.Server.Faults.ThrottleNext(2, retryAfterSeconds: 1, operation: CloudflareCallCounter.RecordsBatch);
        var outcome = await h.ReconcileAsync();
        Assert.True(outcome.Applied);
        Assert.Equal(3, h.Server.Calls[CloudflareCallCounter.RecordsBatch]);
        Assert.Equal(2, h.Server.Records(zone.Id).Count);
    }

    [Fact]
    public async Task Throttling_and_5xx_that_outlast_the_retries_are_transient_and_nothing_half_lands()
    {
        await using var h = await CloudflareHarness.StartAsync();
        var zone = h.Server.AddZone("example.org");
        h.Source.Endpoints.Add(CloudflareHarness.Ep("www.example.org", "A", "192.0.2.1"));
        h.Server.Faults.ThrottleNext(10, operation: CloudflareCallCounter.RecordsBatch);
        var throttled = await Assert.ThrowsAsync<ProviderTransientException>(h.ReconcileAsync);
        Assert.Contains("429", throttled.Message, StringComparison.Ordinal);
        Assert.Empty(h.Server.Records(zone.Id));

        h.Server.Faults.Reset();
        h.Server.Faults.FailNext(10, 502, CloudflareCallCounter.RecordsList);
        var gateway = await Assert.ThrowsAsync<ProviderTransientException>(h.ReconcileAsync);
        Assert.Contains("502", gateway.Message, StringComparison.Ordinal);
        Assert.Contains("HTML", gateway.Message, StringComparison.Ordinal);

        h.Server.Faults.Reset();
        var recovered = await h.ReconcileAsync();
        Assert.True(recovered.Applied);
        Assert.Equal(2, h.Server.Records(zone.Id).Count);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}

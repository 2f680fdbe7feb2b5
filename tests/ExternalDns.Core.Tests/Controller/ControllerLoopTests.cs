using ExternalDns.Core.Controller;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.InMemory;
using ExternalDns.Core.Registry;
using ExternalDns.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Core.Tests.Controller;

/// <summary>The loop on a fake clock: interval, events (coalesced, never starving), transient errors, fatal configuration errors.</summary>
public sealed class ControllerLoopTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MinEvent = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _time = new();
    private readonly ScriptedSource _source = new() { Endpoints = [new Endpoint("app.example.org", "A", "192.0.2.1")] };
    private readonly ControllerMetrics _metrics = new(new MetricRegistry());
    private readonly ControllerLoop _loop;
    private readonly CancellationTokenSource _cts = new();
    private Task? _running;

    public ControllerLoopTests()
    {
        var provider = new InMemoryProvider(new InMemoryProviderOptions { Zones = ["example.org"] });
        var registry = new TxtRegistry(provider, new TxtRegistryOptions { OwnerId = "me" });
        var options = new ControllerOptions { Interval = Interval, MinEventSyncInterval = MinEvent, Policy = Policy.Sync };
        var reconciler = new Reconciler(_source, registry, options, _metrics, _time, NullLogger<Reconciler>.Instance);
        _loop = new ControllerLoop(reconciler, _metrics, _time, NullLogger<ControllerLoop>.Instance);
    }

    public void Dispose()
    {
        _cts.Cancel();
        _loop.Dispose();
        _cts.Dispose();
    }

    [Fact]
    public async Task Runs_at_once_then_every_interval()
    {
        await StartAndSettle(runs: 1);
        _time.Advance(Interval - TimeSpan.FromSeconds(1));
        await Settle();
        Assert.Equal(1, _source.Calls);
        _time.Advance(TimeSpan.FromSeconds(1));
        await WaitFor(() => _source.Calls == 2);
    }

    [Fact]
    public async Task A_burst_of_events_coalesces_into_one_reconcile_after_the_minimum_interval()
    {
        await StartAndSettle(runs: 1);
        for (var i = 0; i < 100; i++)
        {
            _loop.RequestReconcile();
        }

        await Settle();
        Assert.Equal(1, _source.Calls); // not before --min-event-sync-interval
        _time.Advance(MinEvent);
        await WaitFor(() => _source.Calls == 2);
        _time.Advance(MinEvent);
        await Settle();
        Assert.Equal(2, _source.Calls); // the burst gave exactly one extra run
    }

    [Fact]
    public async Task Event_to_write_is_measured_from_the_first_event_to_the_write_it_caused()
    {
        await StartAndSettle(runs: 1);
        Assert.Equal(0, _metrics.EventToWrite.WithLabels().Count); // the first run was not caused by an event

        _source.Endpoints = [new Endpoint("app.example.org", "A", "192.0.2.2")];
        _loop.RequestReconcile();
        _time.Advance(TimeSpan.FromSeconds(2));
        _loop.RequestReconcile(); // coalesces: the latency counts from the first event
        _time.Advance(MinEvent - TimeSpan.FromSeconds(2));
        await WaitFor(() => _source.Calls == 2);
        await WaitFor(() => _metrics.EventToWrite.WithLabels().Count == 1);
        Assert.Equal(MinEvent.TotalSeconds, _metrics.EventToWrite.WithLabels().Sum, 3);

        // An event that changes nothing writes nothing: no observation.
        _loop.RequestReconcile();
        _time.Advance(MinEvent);
        await WaitFor(() => _source.Calls == 3);
        await Settle();
        Assert.Equal(1, _metrics.EventToWrite.WithLabels().Count);
    }

    [Fact]
    public async Task A_continuous_stream_of_events_never_starves_reconciles()
    {
        await StartAndSettle(runs: 1);
        for (var second = 1; second <= 30; second++)
        {
            _loop.RequestReconcile();
            _time.Advance(TimeSpan.FromSeconds(1));
            await Settle();
        }

        // One run every --min-event-sync-interval while events keep coming: 30 s / 5 s = 6 more runs.
        Assert.InRange(_source.Calls, 6, 8);
    }

    [Fact]
    public async Task Transient_errors_are_counted_and_retried_with_backoff()
    {
        var fail = true;
        _source.Fail = () => fail ? new ProviderTransientException("throttled") : null;
        await StartAndSettle(runs: 1);
        Assert.Equal(1, _metrics.ConsecutiveSoftErrors.Value);

        _time.Advance(TimeSpan.FromSeconds(10));
        await WaitFor(() => _source.Calls == 2);
        Assert.Equal(2, _metrics.ConsecutiveSoftErrors.Value);

        fail = false;
        _time.Advance(TimeSpan.FromSeconds(20));
        await WaitFor(() => _source.Calls == 3);
        await WaitFor(() => _metrics.ConsecutiveSoftErrors.Value == 0);
        Assert.False(_running!.IsCompleted);
    }

    [Fact]
    public async Task Other_failures_do_not_stop_the_loop()
    {
        _source.Fail = () => new InvalidOperationException("a bug somewhere");
        await StartAndSettle(runs: 1);
        _time.Advance(TimeSpan.FromSeconds(10));
        await WaitFor(() => _source.Calls == 2);
        Assert.False(_running!.IsCompleted);
        Assert.Equal(2, _metrics.FailedRuns.Get("error"));
    }

    [Fact]
    public async Task Configuration_errors_stop_the_loop()
    {
        _source.Fail = () => new ProviderConfigurationException("zone example.org refused key k");
        _running = _loop.RunAsync(_cts.Token);
        var ex = await Assert.ThrowsAsync<ProviderConfigurationException>(() => _running.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("example.org", ex.Message, StringComparison.Ordinal);
    }

    private async Task StartAndSettle(int runs)
    {
        _running = _loop.RunAsync(_cts.Token);
        await WaitFor(() => _source.Calls == runs);
        await Settle();
    }

    /// <summary>Waits until the loop is parked on the clock again (a timer is scheduled).</summary>
    private async Task Settle()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        await Task.Delay(20);
        while (_time.ActiveTimers == 0 && !(_running?.IsCompleted ?? false))
        {
            Assert.True(DateTime.UtcNow < deadline, "the loop did not go back to waiting");
            await Task.Delay(5);
        }
    }

    private async Task WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached");
            Assert.False(_running?.IsFaulted ?? false, _running?.Exception?.ToString());
            await Task.Delay(5);
        }

        await Settle();
    }
}

using System.Diagnostics;
using ExternalDns.Testing.Servers;
using Xunit.Abstractions;

namespace ExternalDns.Cli.Tests.Kubernetes;

/// <summary>
/// With <c>--events --min-event-sync-interval=0s</c> a change of a Service reaches DNS within a fraction of a second
/// (the interval is 10 minutes, so only the watch event can trigger the reconcile). A behaviour check, not a benchmark:
/// the bound is generous, the measured latencies are printed.
/// </summary>
public sealed class EventLatencyTests(BindServer bind, ITestOutputHelper output) : IClassFixture<BindServer>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_service_change_reaches_DNS_well_under_two_seconds_after_the_event()
    {
        await using var h = await FaultHarness.StartAsync(bind, "latency");
        h.PutService("alpha", "203.0.113.100");
        using var loop = h.StartLoop("controller", ["--events", "--min-event-sync-interval=0s", "--interval=10m", "--log-level=warning"]);
        await h.WaitForZoneAsync(z => h.A(z, "alpha").SetEquals(["203.0.113.100"]), "alpha's record is created");

        var latencies = new List<TimeSpan>();
        for (var i = 1; i <= 5; i++)
        {
            var ip = $"203.0.113.{100 + i}";
            var clock = Stopwatch.StartNew();
            h.SetServiceIp("alpha", ip);
            await Eventually.WaitAsync(() => Answer(h.Host("alpha")) == ip, TimeSpan.FromSeconds(10),
                () => $"alpha resolves to {ip} (now: {Answer(h.Host("alpha"))})\n{loop.Describe()}", TimeSpan.FromMilliseconds(50));
            latencies.Add(clock.Elapsed);
        }

        var sorted = latencies.Order().ToList();
        output.WriteLine($"Service change → answer from BIND (dig every 50 ms): {string.Join(", ", latencies.Select(l => $"{l.TotalMilliseconds:0} ms"))}; " +
                         $"median {sorted[sorted.Count / 2].TotalMilliseconds:0} ms, max {sorted[^1].TotalMilliseconds:0} ms");
        Assert.All(latencies, l => Assert.True(l < Bound, $"{l.TotalMilliseconds:0} ms"));
    }

    private string Answer(string name)
    {
        var (exitCode, text) = bind.Dig("+short", name, "A");
        Assert.Equal(0, exitCode);
        return text.Trim();
    }
}

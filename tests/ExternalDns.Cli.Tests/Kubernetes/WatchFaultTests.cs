using ExternalDns.Testing.Servers;
using Xunit.Abstractions;

namespace ExternalDns.Cli.Tests.Kubernetes;

/// <summary>
/// Black-box fault injection on watch streams: the external-dns loop (<c>--events</c>, a 10-minute interval, so only
/// the watches can bring changes) against the API emulator and a real BIND, checked with dig. Dropped streams must be
/// resumed, and after 410 Gone the cache must be rebuilt by a relist, so no change made meanwhile is missed.
/// </summary>
public sealed class WatchFaultTests(BindServer bind, ITestOutputHelper output) : IClassFixture<BindServer>
{
    private static readonly string[] EventDriven = ["--events", "--min-event-sync-interval=0s", "--interval=10m"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Dropped_watch_streams_are_resumed_and_every_later_change_reaches_DNS(bool abort)
    {
        await using var h = await FaultHarness.StartAsync(bind, abort ? "reset" : "drop");
        h.PutService("alpha", "203.0.113.1");
        using var loop = h.StartLoop("controller", EventDriven);
        await h.WaitForZoneAsync(z => h.A(z, "alpha").SetEquals(["203.0.113.1"]), "alpha's A record is created");

        var watches = h.Api.Requests.Count("watch", "/api/v1/services");
        h.Api.Faults.DropWatches(abort);
        h.SetServiceIp("alpha", "203.0.113.2");
        h.PutService("bravo", "203.0.113.3");
        h.PutIngress("web", "lb.example.net");
        var first = await h.WaitForZoneAsync(
            z => h.A(z, "alpha").SetEquals(["203.0.113.2"]) && h.A(z, "bravo").SetEquals(["203.0.113.3"])
                 && z.Contains($"{h.Host("web")}. CNAME lb.example.net."),
            "changes made after the watches were dropped reach DNS");

        h.Api.Faults.DropWatches(abort);
        h.DeleteService("bravo");
        var second = await h.WaitForZoneAsync(z => h.Gone(z, "bravo") && h.A(z, "alpha").SetEquals(["203.0.113.2"]), "a delete after a second drop reaches DNS");

        Assert.True(h.Api.Requests.Count("watch", "/api/v1/services") >= watches + 2, "the services watch was re-established after each drop");
        Assert.False(loop.HasExited, loop.Describe());
        Assert.Equal(0, loop.Count("Skipping this reconcile"));
        output.WriteLine($"abort={abort}: converged {first.TotalMilliseconds:0} ms after the first drop, {second.TotalMilliseconds:0} ms after the second; " +
                         $"services lists: {h.Api.Requests.Count("list", "/api/v1/services")}, watches: {h.Api.Requests.Count("watch", "/api/v1/services")}");
    }

    [Theory]
    [InlineData("expired-error-event")]
    [InlineData("expired-http-410")]
    [InlineData("compacted-history")]
    public async Task After_410_Gone_the_cache_is_relisted_and_changes_made_while_the_watch_was_down_are_not_missed(string fault)
    {
        await using var h = await FaultHarness.StartAsync(bind, "gone");

        // ExpireNextWatches applies to whichever watch reconnects first: watch only LoadBalancer Services, so the one
        // informer is the services informer.
        h.Sources = ["service"];
        h.PutService("alpha", "203.0.113.10");
        h.PutService("bravo", "203.0.113.20");
        using var loop = h.StartLoop("controller", [.. EventDriven, "--service-type-filter=LoadBalancer"]);
        await h.WaitForZoneAsync(z => h.A(z, "alpha").Count == 1 && h.A(z, "bravo").Count == 1, "alpha's and bravo's records are created");
        var lists = h.Api.Requests.Count("list", "/api/v1/services");

        // Hold the services watch's reconnect for a second so that the changes below are certainly made while no
        // services watch is open; the reconnect then learns that its resource version is gone.
        h.Api.Faults.DelayResponses(TimeSpan.FromSeconds(1), "/api/v1/services");
        switch (fault)
        {
            case "expired-error-event":
                h.Api.Faults.ExpireNextWatches(1);
                break;
            case "expired-http-410":
                h.Api.Faults.ExpireNextWatches(1, asHttpStatus: true);
                break;
        }

        h.Api.Faults.DropWatches();
        h.SetServiceIp("alpha", "203.0.113.11");
        h.DeleteService("bravo");
        h.PutService("charlie", "203.0.113.30");
        if (fault == "compacted-history")
        {
            h.Api.Faults.CompactHistory();
        }

        h.Api.Faults.DelayResponses(TimeSpan.Zero);

        var elapsed = await h.WaitForZoneAsync(
            z => h.A(z, "alpha").SetEquals(["203.0.113.11"]) && h.Gone(z, "bravo") && h.A(z, "charlie").SetEquals(["203.0.113.30"]),
            "the update, the delete and the create made while the watch was down all reach DNS");

        Assert.True(h.Api.Requests.Count("list", "/api/v1/services") > lists, "the informer relisted services after 410 Gone");
        Assert.Contains("(410 Gone); relisting", loop.Output, StringComparison.Ordinal);
        Assert.Equal(0, loop.Count("Skipping this reconcile"));
        output.WriteLine($"{fault}: converged {elapsed.TotalMilliseconds:0} ms after the drop");
    }
}

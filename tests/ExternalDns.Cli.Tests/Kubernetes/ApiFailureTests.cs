using ExternalDns.Testing.Servers;
using Xunit.Abstractions;

namespace ExternalDns.Cli.Tests.Kubernetes;

/// <summary>
/// Black-box fault injection on the API itself: failing lists (500), requests that time out, slow answers and an
/// expired token (401). While the services cache cannot be (re)built the controller must skip — plan nothing, delete
/// nothing (upstream ED#2858, ED#5603: an API failure must never look like "no objects") — and once the API answers
/// again it must apply every change made meanwhile.
/// </summary>
public sealed class ApiFailureTests(BindServer bind, ITestOutputHelper output) : IClassFixture<BindServer>
{
    private const string Skipped = "external_dns_controller_skipped_runs_total";
    private const string ServicesPath = "/api/v1/services";

    [Theory]
    [InlineData("500")]
    [InlineData("timeout")]
    public async Task When_listing_services_fails_from_the_start_nothing_is_deleted_and_changes_made_meanwhile_are_applied_after_recovery(string fault)
    {
        await using var h = await FaultHarness.StartAsync(bind, "start" + fault);
        h.PutService("alpha", "203.0.113.1");
        h.PutService("bravo", "203.0.113.2");
        var seed = await ExternalDnsProcess.RunAsync([.. h.Args("--once", "--metrics-address=")]);
        Assert.True(seed.ExitCode == 0, seed.Stderr);
        var seeded = h.Records();
        Assert.True(h.A(seeded, "alpha").Count == 1 && h.A(seeded, "bravo").Count == 1, string.Join('\n', seeded));

        if (fault == "500")
        {
            h.Api.Faults.FailNextRequests(1_000_000, 500, ServicesPath);
        }
        else
        {
            h.Api.Faults.DelayResponses(TimeSpan.FromSeconds(5), ServicesPath); // well past --kube-api-request-timeout=1s
        }

        var port = FaultHarness.FreePort();
        using var loop = h.StartLoop("controller", ["--events", "--min-event-sync-interval=0s", "--interval=1s", "--kube-api-request-timeout=1s"], port);
        h.DeleteService("bravo");
        h.PutService("charlie", "203.0.113.3");

        await Eventually.WaitAsync(async () => Unchanged(h, seeded, loop) && await FaultHarness.MetricAsync(port, Skipped) >= 2, TimeSpan.FromSeconds(30),
            () => $"two reconciles skipped\n{h.DescribeLoops()}");
        var during = h.Records();
        Assert.True(h.A(during, "alpha").Count == 1 && h.A(during, "bravo").Count == 1 && h.A(during, "charlie").Count == 0,
            "while services cannot be listed nothing is written:\n" + string.Join('\n', during) + "\n" + loop.Describe());
        Assert.Equal(seeded, during);
        Assert.Equal(0, loop.Count("Desired change"));
        Assert.Contains("Skipping this reconcile", loop.Output, StringComparison.Ordinal);
        Assert.Contains("services have not synced yet", loop.Output, StringComparison.Ordinal);

        h.Api.Faults.Reset();
        var recovered = await h.WaitForZoneAsync(
            z => h.A(z, "alpha").SetEquals(["203.0.113.1"]) && h.Gone(z, "bravo") && h.A(z, "charlie").SetEquals(["203.0.113.3"]),
            "after recovery bravo (deleted meanwhile) is removed, charlie (created meanwhile) is added, alpha stays");
        output.WriteLine($"{fault}: {await FaultHarness.MetricAsync(port, Skipped)} reconciles skipped; converged {recovered.TotalMilliseconds:0} ms after the API recovered");
    }

    [Fact]
    public async Task When_a_relist_fails_while_running_the_controller_skips_and_deletes_nothing_then_catches_up()
    {
        await using var h = await FaultHarness.StartAsync(bind, "relist500");
        h.PutService("alpha", "203.0.113.11");
        h.PutService("bravo", "203.0.113.12");
        var port = FaultHarness.FreePort();
        using var loop = h.StartLoop("controller", ["--events", "--min-event-sync-interval=0s", "--interval=1s"], port);
        await h.WaitForZoneAsync(z => h.A(z, "alpha").Count == 1 && h.A(z, "bravo").Count == 1, "alpha's and bravo's records are created");
        var before = h.Records();
        var skippedBefore = await FaultHarness.MetricAsync(port, Skipped) ?? 0;
        var changesBefore = loop.Count("Desired change");

        // The services watch reconnects to a 410 Gone, and every relist then fails with 500: the cache is stale.
        h.Api.Faults.FailNextRequests(1, 410, ServicesPath);
        h.Api.Faults.FailNextRequests(1_000_000, 500, ServicesPath);
        h.Api.Faults.DropWatches();
        h.DeleteService("bravo");
        h.PutService("charlie", "203.0.113.13");

        await Eventually.WaitAsync(async () => Unchanged(h, before, loop) && await FaultHarness.MetricAsync(port, Skipped) >= skippedBefore + 2, TimeSpan.FromSeconds(30),
            () => $"two reconciles skipped while the relist fails\n{h.DescribeLoops()}");
        Assert.Equal(before, h.Records());
        Assert.Equal(changesBefore, loop.Count("Desired change"));
        Assert.Contains("listing services is failing", loop.Output, StringComparison.Ordinal);

        h.Api.Faults.Reset();
        var recovered = await h.WaitForZoneAsync(
            z => h.A(z, "alpha").SetEquals(["203.0.113.11"]) && h.Gone(z, "bravo") && h.A(z, "charlie").SetEquals(["203.0.113.13"]),
            "after recovery the delete and the create made meanwhile reach DNS, alpha stays");
        output.WriteLine($"relist 500: converged {recovered.TotalMilliseconds:0} ms after the API recovered");
    }

    [Fact]
    public async Task Slow_API_responses_within_the_request_timeout_still_converge_without_skipping()
    {
        await using var h = await FaultHarness.StartAsync(bind, "slow");
        h.Api.Faults.DelayResponses(TimeSpan.FromMilliseconds(1500)); // every request, watches included
        h.PutService("alpha", "203.0.113.21");
        using var loop = h.StartLoop("controller", ["--events", "--min-event-sync-interval=0s", "--interval=10m", "--kube-api-request-timeout=5s"]);
        var initial = await h.WaitForZoneAsync(z => h.A(z, "alpha").SetEquals(["203.0.113.21"]), "alpha's record is created");

        h.SetServiceIp("alpha", "203.0.113.22");
        h.PutService("bravo", "203.0.113.23");
        h.PutIngress("web", "lb.example.net");
        var changes = await h.WaitForZoneAsync(
            z => h.A(z, "alpha").SetEquals(["203.0.113.22"]) && h.A(z, "bravo").SetEquals(["203.0.113.23"])
                 && z.Contains($"{h.Host("web")}. CNAME lb.example.net."),
            "later changes reach DNS");

        Assert.Equal(0, loop.Count("Skipping this reconcile"));
        Assert.Equal(0, loop.Count("list failed"));
        output.WriteLine($"1.5 s per API response: first sync {initial.TotalMilliseconds:0} ms after start, later changes {changes.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task An_expired_token_makes_the_controller_skip_and_a_rotated_token_file_brings_it_back()
    {
        await using var h = await FaultHarness.StartAsync(bind, "token");
        h.PutService("alpha", "203.0.113.31");
        h.PutService("bravo", "203.0.113.32");
        var port = FaultHarness.FreePort();
        using var loop = h.StartLoop("controller", ["--events", "--min-event-sync-interval=0s", "--interval=1s"], port);
        await h.WaitForZoneAsync(z => h.A(z, "alpha").Count == 1 && h.A(z, "bravo").Count == 1, "alpha's and bravo's records are created");
        var before = h.Records();
        var skippedBefore = await FaultHarness.MetricAsync(port, Skipped) ?? 0;
        var changesBefore = loop.Count("Desired change");

        // Every token is now rejected. Open watches stay authenticated (as on a real server), so make the services
        // watch reconnect into a 410 Gone: its relist then meets the 401.
        h.Api.ExpireToken();
        h.Api.Faults.FailNextRequests(1, 410, ServicesPath);
        h.Api.Faults.DropWatches();
        h.DeleteService("bravo");
        h.PutService("charlie", "203.0.113.33");

        await Eventually.WaitAsync(async () => Unchanged(h, before, loop) && await FaultHarness.MetricAsync(port, Skipped) >= skippedBefore + 2, TimeSpan.FromSeconds(30),
            () => $"two reconciles skipped while the token is rejected\n{h.DescribeLoops()}");
        Assert.Equal(before, h.Records());
        Assert.Equal(changesBefore, loop.Count("Desired change"));
        Assert.Contains("401 Unauthorized", loop.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Api.Token, loop.Output, StringComparison.Ordinal);

        // The token is rotated on the server and in the token file (as the kubelet does for a projected token).
        var rotated = h.Api.RotateToken();
        h.WriteToken(rotated);
        var recovered = await h.WaitForZoneAsync(
            z => h.A(z, "alpha").SetEquals(["203.0.113.31"]) && h.Gone(z, "bravo") && h.A(z, "charlie").SetEquals(["203.0.113.33"]),
            "after the token file is rotated the delete and the create made meanwhile reach DNS");
        Assert.DoesNotContain(rotated, loop.Output, StringComparison.Ordinal);
        output.WriteLine($"401: converged {recovered.TotalMilliseconds:0} ms after the token file was rotated");
    }

    /// <summary>Asserts, on every poll while the API is failing, that the zone still holds exactly what it held.</summary>
    private static bool Unchanged(FaultHarness h, HashSet<string> expected, ExternalDnsLoop loop)
    {
        var now = h.Records();
        Assert.True(now.SetEquals(expected), $"the zone changed while the API was failing:\n  {string.Join("\n  ", now.Order(StringComparer.Ordinal))}\n{loop.Describe()}");
        return true;
    }
}

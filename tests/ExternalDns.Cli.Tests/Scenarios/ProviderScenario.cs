using System.Text.RegularExpressions;

namespace ExternalDns.Cli.Tests.Scenarios;

/// <summary>
/// The black-box scenario every provider's command-line test runs: the <c>external-dns</c> process with upstream's flags
/// against a real server or an emulator. A provider test derives from this class, says how to reach its back end and
/// how to look at it independently, and inherits the facts: first sync with upstream's ownership records, a second run
/// that writes nothing, records of others (made by hand, or owned by another ExternalDNS) untouched, dry run writes
/// nothing, an owned stale record deleted, a transient failure failing the run cleanly and the next run succeeding.
/// Each fact uses its own names (a prefix) and owner, so the facts share one back end in any order.
/// </summary>
public abstract partial class ProviderScenario
{
    /// <summary>The zone the back end serves and the records go to (for example <c>example.org</c>).</summary>
    protected abstract string Zone { get; }

    /// <summary><c>--provider=…</c> and its flags (secrets belong in <see cref="Environment"/>).</summary>
    protected abstract IReadOnlyList<string> ProviderArgs { get; }

    /// <summary>Environment of the process: credentials, endpoints.</summary>
    protected virtual IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>();

    /// <summary>Writes records straight into the back end, as someone other than this ExternalDns would.</summary>
    protected abstract Task SeedAsync(IReadOnlyList<ScenarioRecord> records);

    /// <summary>Every record in <see cref="Zone"/> except SOA and NS, read independently of ExternalDns.</summary>
    protected abstract Task<IReadOnlyCollection<ScenarioRecord>> ReadZoneAsync();

    /// <summary>A value that changes whenever the back end accepts a write (a write counter, the SOA serial).</summary>
    protected abstract Task<string> WriteMarkAsync();

    /// <summary>Makes the next run fail transiently (throttling, 5xx, an unreachable server); returns extra flags for that run.</summary>
    protected abstract Task<IReadOnlyList<string>> ArrangeTransientFailureAsync();

    /// <summary>Undoes <see cref="ArrangeTransientFailureAsync"/> when the back end needs it (fault injection left over).</summary>
    protected virtual Task ClearTransientFailureAsync() => Task.CompletedTask;

    /// <summary>TXT ownership value exactly as upstream's registry writes it.</summary>
    protected static string Ownership(string owner, string resource) =>
        $"heritage=external-dns,external-dns/owner={owner},external-dns/resource={resource}";

    [Fact]
    public async Task First_sync_writes_records_with_ownership_then_a_second_run_writes_nothing()
    {
        var (p, owner) = ("s1", "scenario-s1");
        await SeedAsync(
        [
            new($"{p}-human.{Zone}", "A", "192.0.2.99"),
            new($"{p}-other.{Zone}", "A", "192.0.2.98"),
            new($"a-{p}-other.{Zone}", "TXT", Ownership("other-cluster", "service/x/other")),
        ]);
        var dir = ExternalDnsProcess.ManifestDirectory(
            ("app.yaml", Manifests.LoadBalancerService($"{p}-app", $"{p}-app.{Zone}", "203.0.113.10")),
            ("www.yaml", Manifests.Ingress($"{p}-www", $"{p}-www.{Zone}", "lb.example.net")),
            ("steal.yaml", Manifests.LoadBalancerService($"{p}-steal", $"{p}-other.{Zone}", "203.0.113.66")));

        var first = await RunAsync(dir, owner);
        Assert.True(first.ExitCode == 0, first.Stderr);
        var zone = await ReadZoneAsync();
        ScenarioRecord[] expected =
        [
            new($"{p}-app.{Zone}", "A", "203.0.113.10"),
            new($"a-{p}-app.{Zone}", "TXT", Ownership(owner, $"service/default/{p}-app")),
            new($"{p}-www.{Zone}", "CNAME", "lb.example.net"),
            new($"cname-{p}-www.{Zone}", "TXT", Ownership(owner, $"ingress/web/{p}-www")),
            new($"{p}-human.{Zone}", "A", "192.0.2.99"),
            new($"{p}-other.{Zone}", "A", "192.0.2.98"),
            new($"a-{p}-other.{Zone}", "TXT", Ownership("other-cluster", "service/x/other")),
        ];
        Assert.All(expected, e => Assert.Contains(e, zone));
        Assert.Equal(expected.Length, Mine(zone, p).Count);

        var mark = await WriteMarkAsync();
        var second = await RunAsync(dir, owner, "--plan-format=json");
        Assert.True(second.ExitCode == 0, second.Stderr);
        AssertNoChangesPlanned(second.Stdout);
        Assert.Equal(mark, await WriteMarkAsync());
        Assert.Equal(Mine(zone, p), Mine(await ReadZoneAsync(), p));
    }

    [Fact]
    public async Task Dry_run_prints_the_plan_and_writes_nothing()
    {
        var (p, owner) = ("s2", "scenario-s2");
        var dir = ExternalDnsProcess.ManifestDirectory(("app.yaml", Manifests.LoadBalancerService($"{p}-app", $"{p}-app.{Zone}", "203.0.113.20")));
        var mark = await WriteMarkAsync();

        var run = await RunAsync(dir, owner, "--dry-run");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains($"{p}-app.{Zone}", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(mark, await WriteMarkAsync());
        Assert.Empty(Mine(await ReadZoneAsync(), p));
    }

    [Fact]
    public async Task An_owned_record_that_is_no_longer_wanted_is_deleted_and_nothing_else()
    {
        var (p, owner) = ("s3", "scenario-s3");
        await SeedAsync([new($"{p}-human.{Zone}", "A", "192.0.2.77")]);
        var app = ("app.yaml", Manifests.LoadBalancerService($"{p}-app", $"{p}-app.{Zone}", "203.0.113.30"));
        var www = ("www.yaml", Manifests.Ingress($"{p}-www", $"{p}-www.{Zone}", "lb.example.net"));
        var first = await RunAsync(ExternalDnsProcess.ManifestDirectory(app, www), owner);
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains(new ScenarioRecord($"{p}-www.{Zone}", "CNAME", "lb.example.net"), await ReadZoneAsync());

        var second = await RunAsync(ExternalDnsProcess.ManifestDirectory(app), owner);
        Assert.True(second.ExitCode == 0, second.Stderr);
        ScenarioRecord[] expected =
        [
            new($"{p}-app.{Zone}", "A", "203.0.113.30"),
            new($"a-{p}-app.{Zone}", "TXT", Ownership(owner, $"service/default/{p}-app")),
            new($"{p}-human.{Zone}", "A", "192.0.2.77"),
        ];
        Assert.Equal(expected.ToHashSet(), Mine(await ReadZoneAsync(), p));
    }

    [Fact]
    public async Task A_transient_failure_fails_the_run_cleanly_and_the_next_run_succeeds()
    {
        var (p, owner) = ("s4", "scenario-s4");
        var dir = ExternalDnsProcess.ManifestDirectory(("app.yaml", Manifests.LoadBalancerService($"{p}-app", $"{p}-app.{Zone}", "203.0.113.40")));
        var extra = await ArrangeTransientFailureAsync();
        (int ExitCode, string Stdout, string Stderr) failed;
        try
        {
            failed = await RunAsync(dir, owner, [.. extra]);
        }
        finally
        {
            await ClearTransientFailureAsync();
        }

        Assert.Equal(1, failed.ExitCode);
        Assert.DoesNotContain("   at ", failed.Stderr, StringComparison.Ordinal); // a message, never a stack trace
        Assert.Contains("external-dns: error:", failed.Stderr, StringComparison.Ordinal);
        Assert.Empty(Mine(await ReadZoneAsync(), p));

        var next = await RunAsync(dir, owner);
        Assert.True(next.ExitCode == 0, next.Stderr);
        Assert.Contains(new ScenarioRecord($"{p}-app.{Zone}", "A", "203.0.113.40"), await ReadZoneAsync());
    }

    /// <summary>Runs <c>external-dns --once</c> over the manifests in <paramref name="dir"/> with this provider.</summary>
    protected Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string dir, string owner, params string[] extra) =>
        ExternalDnsProcess.RunAsync(
            [
                "--source=manifest", $"--manifest-path={dir}", .. ProviderArgs, "--registry=txt", $"--txt-owner-id={owner}",
                "--policy=sync", "--once", "--log-level=warning", .. extra,
            ],
            Environment.ToDictionary(),
            TimeSpan.FromSeconds(90));

    /// <summary>The records of one fact: those whose first label (or the part after a TXT type prefix) starts with its prefix.</summary>
    protected static HashSet<ScenarioRecord> Mine(IEnumerable<ScenarioRecord> zone, string prefix) =>
        [.. zone.Where(r => r.Name.StartsWith(prefix + "-", StringComparison.Ordinal) || TypePrefix().IsMatch(r.Name) && r.Name[(r.Name.IndexOf('-', StringComparison.Ordinal) + 1)..].StartsWith(prefix + "-", StringComparison.Ordinal))];

    private static void AssertNoChangesPlanned(string json)
    {
        Assert.Contains("\"create\": 0", json, StringComparison.Ordinal);
        Assert.Contains("\"update\": 0", json, StringComparison.Ordinal);
        Assert.Contains("\"delete\": 0", json, StringComparison.Ordinal);
    }

    [GeneratedRegex("^(a|aaaa|cname|txt|ns|mx|srv|ptr)-")]
    private static partial Regex TypePrefix();
}

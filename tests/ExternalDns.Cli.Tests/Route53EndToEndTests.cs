using ExternalDns.Cli.Tests.Scenarios;
using ExternalDns.Testing.Route53;

namespace ExternalDns.Cli.Tests;

/// <summary>
/// Black-box: <c>external-dns --provider=aws</c> against the Route53 emulator. What is particular to Route53 (the shared
/// provider scenario, <see cref="Route53Scenario"/>, covers first sync, second run, foreign records, dry run, deletes
/// and transient failures).
/// </summary>
public sealed class Route53EndToEndTests(Route53EmulatorFixture fixture) : IClassFixture<Route53EmulatorFixture>
{
    private static string[] Args(string dir, string owner, params string[] extra) =>
    [
        "--source=manifest", $"--manifest-path={dir}", "--provider=aws", "--domain-filter=e2e.example", "--registry=txt",
        $"--txt-owner-id={owner}", "--policy=sync", "--once", "--log-level=warning", "--aws-batch-change-interval=0s", .. extra,
    ];

    private Route53HostedZone Zone() =>
        fixture.Emulator.Zones.FirstOrDefault(z => z.Name == "e2e.example.") ?? fixture.Emulator.CreateHostedZone("e2e.example");

    [Fact]
    public async Task An_ingress_behind_an_alb_gets_alias_records_and_a_second_run_writes_nothing()
    {
        var zone = Zone();
        var dir = ExternalDnsProcess.ManifestDirectory(("www.yaml", Manifests.Ingress("alb", "alb.e2e.example", "k8s-web-alb-0123456789.eu-west-1.elb.amazonaws.com")));
        var env = fixture.Environment();
        env.Remove("AWS_ENDPOINT_URL_ROUTE_53");
        env["AWS_ENDPOINT_URL"] = fixture.Emulator.BaseAddress.ToString(); // the generic endpoint variable works too

        var first = await ExternalDnsProcess.RunAsync(Args(dir, "alb-owner"), env);
        Assert.True(first.ExitCode == 0, first.Stderr);
        foreach (var type in new[] { "A", "AAAA" })
        {
            var alias = fixture.Emulator.Find(zone.Id, "alb.e2e.example", type)!.AliasTarget!;
            Assert.Equal(("Z32O12XQLNTSW2", "k8s-web-alb-0123456789.eu-west-1.elb.amazonaws.com.", true), (alias.HostedZoneId, alias.DnsName, alias.EvaluateTargetHealth));
        }

        Assert.NotNull(fixture.Emulator.Find(zone.Id, "a-alb.e2e.example", "TXT"));
        Assert.NotNull(fixture.Emulator.Find(zone.Id, "aaaa-alb.e2e.example", "TXT"));

        var writes = fixture.Emulator.Calls.Count(Route53Emulator.ChangeResourceRecordSets);
        var second = await ExternalDnsProcess.RunAsync(Args(dir, "alb-owner", "--plan-format=json"), env);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains("\"create\": 0", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"update\": 0", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(writes, fixture.Emulator.Calls.Count(Route53Emulator.ChangeResourceRecordSets));
    }

    [Fact]
    public async Task A_wrong_secret_exits_1_with_one_clear_line_and_no_secret()
    {
        Zone();
        var dir = ExternalDnsProcess.ManifestDirectory(("x.yaml", Manifests.LoadBalancerService("x", "x.e2e.example", "203.0.113.1")));
        const string wrong = "Wr0ng/Secret+ThatMustNeverBePrinted";
        var env = fixture.Environment();
        env["AWS_SECRET_ACCESS_KEY"] = wrong;

        var run = await ExternalDnsProcess.RunAsync(Args(dir, "x"), env);

        Assert.Equal(1, run.ExitCode);
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var error = Assert.Single(lines, l => l.StartsWith("external-dns: error:", StringComparison.Ordinal));
        Assert.Contains("AWS_SECRET_ACCESS_KEY", error, StringComparison.Ordinal);
        Assert.Contains("SignatureDoesNotMatch", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, run.Stderr + run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Route53EmulatorFixture.AccessKey, run.Stderr + run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_credentials_exit_1_naming_what_to_set()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("x.yaml", Manifests.LoadBalancerService("x", "x.e2e.example", "203.0.113.1")));
        var env = fixture.Environment();
        env["AWS_ACCESS_KEY_ID"] = string.Empty;
        env["AWS_SECRET_ACCESS_KEY"] = string.Empty;

        var run = await ExternalDnsProcess.RunAsync(Args(dir, "x"), env);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }
}

namespace ExternalDns.Cli.Tests;

/// <summary>
/// Black-box: the drop-in flags of upstream ExternalDNS through the <c>external-dns</c> command — registries this build
/// does not have stop at start naming the flag, a flag accepted but not honoured prints one warning line, repeatable
/// flags take one value per occurrence (commas are part of the value) and one per line in the environment.
/// </summary>
public class DropInFlagsEndToEndTests
{
    private static string[] Base(string dir) =>
        ["--provider=inmemory", "--inmemory-zone=example.org", "--source=manifest", $"--manifest-path={dir}", "--policy=sync", "--once", "--log-level=info"];

    [Theory]
    [InlineData("dynamodb", "DynamoDB registry is not built into ExternalDns")]
    [InlineData("aws-sd", "AWS Cloud Map (aws-sd) registry is not built into ExternalDns")]
    public async Task A_registry_this_build_does_not_have_stops_at_start_with_exit_code_2(string registry, string expected)
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("s.yaml", Manifests.LoadBalancerService("s", "s.example.org", "203.0.113.1")));

        var run = await ExternalDnsProcess.RunAsync([.. Base(dir), $"--registry={registry}"]);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"--registry={registry}: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_accepted_but_unsupported_flag_prints_one_warning_line_and_the_run_goes_on()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("s.yaml", Manifests.LoadBalancerService("s", "s.example.org", "203.0.113.1")));

        var run = await ExternalDnsProcess.RunAsync([.. Base(dir), "--fqdn-target-template={{ .Name }}.example.org:203.0.113.7", "--dynamodb-table=records"]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var output = run.Stdout + run.Stderr;
        var warnings = output.Split('\n').Where(l => l.Contains("is accepted for compatibility with upstream ExternalDNS but not supported", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Single(warnings, l => l.Contains("--fqdn-target-template", StringComparison.Ordinal) && l.Contains("host:target templates are not implemented", StringComparison.Ordinal));
        Assert.Single(warnings, l => l.Contains("--dynamodb-table", StringComparison.Ordinal) && l.Contains("dynamodb registry is not built", StringComparison.Ordinal));
        Assert.DoesNotContain("records", string.Concat(warnings), StringComparison.Ordinal); // the value is not echoed
    }

    [Fact]
    public async Task Kops_compatibility_warns_once_that_pod_annotations_are_not_read()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("s.yaml", Manifests.LoadBalancerService("s", "s.example.org", "203.0.113.1")));

        var run = await ExternalDnsProcess.RunAsync([.. Base(dir), "--compatibility=kops-dns-controller"]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Single((run.Stdout + run.Stderr).Split('\n'), l => l.Contains("--compatibility=kops-dns-controller is accepted for compatibility", StringComparison.Ordinal)
            && l.Contains("pod source's dns.alpha.kubernetes.io annotations are not read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_unsupported_flags_there_is_no_such_warning()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("s.yaml", Manifests.LoadBalancerService("s", "s.example.org", "203.0.113.1")));

        var run = await ExternalDnsProcess.RunAsync(Base(dir));

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.DoesNotContain("not supported", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_comma_inside_a_repeatable_value_survives_on_the_command_line_and_in_the_environment()
    {
        // A Service without a hostname annotation: its name comes from --fqdn-template. The first template has a comma
        // inside an action (a quoted argument); split on commas it would not even parse.
        const string yaml = """
            apiVersion: v1
            kind: Service
            metadata:
              name: shop
              namespace: default
            spec:
              type: LoadBalancer
              ports:
              - port: 80
            status:
              loadBalancer:
                ingress:
                - ip: 203.0.113.9
            """;
        var dir = ExternalDnsProcess.ManifestDirectory(("shop.yaml", yaml));
        const string template = "{{ printf \"%s,%s\" .Name .Namespace | replace \",\" \"-\" }}.example.org";

        var cli = await ExternalDnsProcess.RunAsync([.. Base(dir), $"--fqdn-template={template}", "--fqdn-template={{ .Name }}.web.example.org", "--dry-run"]);

        Assert.True(cli.ExitCode == 0, cli.Stderr);
        Assert.Contains("shop-default.example.org", cli.Stdout + cli.Stderr, StringComparison.Ordinal);
        Assert.Contains("shop.web.example.org", cli.Stdout + cli.Stderr, StringComparison.Ordinal);

        // The same two templates from the environment, one per line, as kingpin reads them.
        var env = new Dictionary<string, string> { ["EXTERNAL_DNS_FQDN_TEMPLATE"] = template + "\n{{ .Name }}.web.example.org\n" };
        var fromEnv = await ExternalDnsProcess.RunAsync([.. Base(dir), "--dry-run"], env);

        Assert.True(fromEnv.ExitCode == 0, fromEnv.Stderr);
        Assert.Contains("shop-default.example.org", fromEnv.Stdout + fromEnv.Stderr, StringComparison.Ordinal);
        Assert.Contains("shop.web.example.org", fromEnv.Stdout + fromEnv.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_comma_list_for_a_flag_of_fixed_values_is_refused_with_the_upstream_spelling()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("s.yaml", Manifests.LoadBalancerService("s", "s.example.org", "203.0.113.1")));

        var run = await ExternalDnsProcess.RunAsync([.. Base(dir), "--managed-record-types=A,TXT"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--managed-record-types=A --managed-record-types=TXT", run.Stderr, StringComparison.Ordinal);
    }
}

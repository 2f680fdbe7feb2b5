using ExternalDns.Testing.Google;

namespace ExternalDns.Cli.Tests;

/// <summary>
/// Black-box: the <c>external-dns</c> command with <c>--provider=google</c> against the Cloud DNS emulator, credentials
/// from a service account key file (generated here) whose <c>token_uri</c> is the emulator's token endpoint. The shared
/// facts (first sync, second run, others' records, dry run, stale record, transient failure) are in
/// <see cref="Scenarios.GoogleScenario"/>; these are Google's own.
/// </summary>
public sealed class GoogleEndToEndTests : IAsyncLifetime
{
    private const string Project = "p";
    private CloudDnsEmulator _emulator = null!;
    private GoogleTestServiceAccount _account = null!;
    private string _dir = null!;
    private string _keyFile = null!;

    public async Task InitializeAsync()
    {
        _emulator = await CloudDnsEmulator.StartAsync();
        _account = _emulator.CreateServiceAccount(projectId: Project);
        _dir = Path.Combine(Path.GetTempPath(), "externaldns-google-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        _keyFile = _account.WriteTo(Path.Combine(_dir, "key.json"));
        _emulator.AddZone(Project, "example-com", "example.com.");
        _emulator.PutRecords(Project, "example-com",
            new CloudDnsRecordSet("human.example.com.", "A", 300, "192.0.2.99"),
            new CloudDnsRecordSet("other.example.com.", "A", 300, "192.0.2.98"),
            new CloudDnsRecordSet("a-other.example.com.", "TXT", 300, "\"heritage=external-dns,external-dns/owner=other-cluster,external-dns/resource=service/x/other\""));
    }

    public async Task DisposeAsync()
    {
        _account.Dispose();
        await _emulator.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_and_the_run_succeeds()
    {
        var manifests = ExternalDnsProcess.ManifestDirectory(("app.yaml", Manifests.LoadBalancerService("app", "app.example.com", "203.0.113.10")));
        _emulator.FailNext(1, 503, operation: CloudDnsOperations.ChangesCreate);
        _emulator.FailNext(1, 429, operation: CloudDnsOperations.ResourceRecordSetsList);

        var run = await ExternalDnsProcess.RunAsync(Args(manifests), Env());

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(2, _emulator.Calls(CloudDnsOperations.ChangesCreate));
        Assert.Contains("app.example.com. 300 A 203.0.113.10", Zone());
        Assert.Contains("a-app.example.com. 300 TXT \"heritage=external-dns,external-dns/owner=e2e,external-dns/resource=service/default/app\"", Zone());
        Assert.Contains("human.example.com. 300 A 192.0.2.99", Zone());
        Assert.Contains("other.example.com. 300 A 192.0.2.98", Zone());
        Assert.NotEmpty(_emulator.IssuedTokens);
        Assert.All(_emulator.IssuedTokens, t => Assert.DoesNotContain(t, run.Stderr + run.Stdout, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_key_file_fails_with_one_clear_line_naming_it()
    {
        var manifests = ExternalDnsProcess.ManifestDirectory(("app.yaml", Manifests.LoadBalancerService("app", "app.example.com", "203.0.113.10")));
        var missing = Path.Combine(_dir, "nope.json");

        var run = await ExternalDnsProcess.RunAsync(Args(manifests), Env(missing));

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(ErrorLines(run.Stderr));
        Assert.Contains(missing, line, StringComparison.Ordinal);
        Assert.Contains("GOOGLE_APPLICATION_CREDENTIALS", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, _emulator.ApiCalls);
    }

    [Fact]
    public async Task A_malformed_key_file_fails_with_one_clear_line_naming_the_file_and_field()
    {
        var manifests = ExternalDnsProcess.ManifestDirectory(("app.yaml", Manifests.LoadBalancerService("app", "app.example.com", "203.0.113.10")));
        var bad = _account.WriteTo(Path.Combine(_dir, "bad.json"), json => json.Remove("client_email"));

        var run = await ExternalDnsProcess.RunAsync(Args(manifests), Env(bad));

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(ErrorLines(run.Stderr));
        Assert.Contains(bad, line, StringComparison.Ordinal);
        Assert.Contains("\"client_email\" is missing", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, _emulator.ApiCalls);
    }

    private string[] Args(string manifests) =>
    [
        "--source=manifest", $"--manifest-path={manifests}", "--provider=google", $"--google-project={Project}",
        $"--google-api-endpoint={_emulator.ApiEndpoint}", "--google-batch-change-interval=0s",
        "--domain-filter=example.com", "--registry=txt", "--txt-owner-id=e2e", "--policy=sync", "--once", "--log-level=debug",
    ];

    private Dictionary<string, string> Env(string? keyFile = null) => new()
    {
        ["GOOGLE_APPLICATION_CREDENTIALS"] = keyFile ?? _keyFile,
        ["HOME"] = _dir,
        ["GCE_METADATA_HOST"] = "127.0.0.1:9",
    };

    private List<string> Zone() =>
        [.. _emulator.Records(Project, "example-com").Where(r => r.Type is not ("SOA" or "NS")).Select(r => $"{r.Name} {r.Ttl} {r.Type} {string.Join(' ', r.Rrdatas)}")];

    private static List<string> ErrorLines(string stderr) =>
        [.. stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))];
}

using ExternalDns.Cli.Tests.Scenarios;
using ExternalDns.Testing.Cloudflare;

namespace ExternalDns.Cli.Tests;

/// <summary>
/// <c>external-dns --source=manifest … --provider=cloudflare --once</c> as a separate process against the Cloudflare
/// API emulator (<c>CLOUDFLARE_BASE_URL</c>), beyond the shared <see cref="CloudflareScenario"/>: credentials errors,
/// the Cloudflare flags, and that the token is never printed.
/// </summary>
public sealed class CloudflareEndToEndTests : IAsyncLifetime
{
    private CloudflareApiServer _server = null!;
    private string _zoneId = null!;

    public async Task InitializeAsync()
    {
        _server = await CloudflareApiServer.StartAsync();
        _zoneId = _server.AddZone("example.org", CloudflarePlan.Pro).Id;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Dictionary<string, string> Env(string? token = null) => new()
    {
        ["CLOUDFLARE_BASE_URL"] = _server.BaseUrl.ToString(),
        ["CF_API_TOKEN"] = token ?? _server.Token,
    };

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string dir, IDictionary<string, string> env, params string[] extra) =>
        ExternalDnsProcess.RunAsync(
            ["--source=manifest", $"--manifest-path={dir}", "--provider=cloudflare", "--policy=sync", "--txt-owner-id=e2e", "--once", "--batch-change-interval=0s", .. extra],
            env,
            TimeSpan.FromSeconds(90));

    private static string App(string ip = "203.0.113.10") => ExternalDnsProcess.ManifestDirectory(("app.yaml", Manifests.LoadBalancerService("app", "app.example.org", ip)));

    [Fact]
    public async Task Proxied_and_commented_records_sync_then_the_second_run_writes_nothing()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(
            ("app.yaml", Manifests.LoadBalancerService("app", "app.example.org", "203.0.113.10")),
            ("dual.yaml", Manifests.DualStackService("dual", "dual.example.org", "203.0.113.11", "2001:db8::11")),
            ("www.yaml", Manifests.Ingress("www", "www.example.org", "lb.example.net")));
        string[] flags = ["--cloudflare-proxied", "--cloudflare-record-comment=managed by external-dns", "--cloudflare-dns-records-per-page=5000"];

        var first = await RunAsync(dir, Env(), flags);
        Assert.True(first.ExitCode == 0, first.Stderr);
        var records = _server.Records(_zoneId);
        Assert.All(records.Where(r => r.Type is "A" or "AAAA" or "CNAME"), r => Assert.True(r.Proxied && r.Ttl == 1, r.ToString()));
        Assert.All(records, r => Assert.Equal("managed by external-dns", r.Comment));
        Assert.All(records.Where(r => r.Type == "TXT"), r => Assert.False(r.Proxied));
        Assert.Contains(_server.Requests, r => r.Operation == CloudflareCallCounter.RecordsList && r.Query.Contains("per_page=5000", StringComparison.Ordinal));

        var writes = _server.Calls.Writes;
        var second = await RunAsync(dir, Env(), [.. flags, "--plan-format=json"]);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains("\"update\": 0", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(writes, _server.Calls.Writes);
    }

    [Fact]
    public async Task Rejected_token_fails_with_one_clear_line_and_never_prints_the_token()
    {
        var token = CloudflareApiServer.NewToken();
        var run = await RunAsync(App(), Env(token), "--log-level=debug");
        Assert.Equal(1, run.ExitCode);
        var errors = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).ToList();
        var line = Assert.Single(errors, l => l.StartsWith("external-dns: error:", StringComparison.Ordinal));
        Assert.Contains("CF_API_TOKEN", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(token, run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.Empty(_server.Records(_zoneId));
    }

    [Fact]
    public async Task Valid_token_is_never_printed_even_at_debug_level()
    {
        var run = await RunAsync(App(), Env(), "--log-level=debug");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.DoesNotContain(_server.Token, run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.Contains(_server.Records(_zoneId), r => r.Name == "app.example.org");
    }

    [Fact]
    public async Task Missing_credentials_stop_at_start_naming_the_variables()
    {
        var run = await RunAsync(App(), new Dictionary<string, string> { ["CLOUDFLARE_BASE_URL"] = _server.BaseUrl.ToString() });
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("external-dns: error:", line, StringComparison.Ordinal);
        Assert.Contains("CF_API_TOKEN", line, StringComparison.Ordinal);
        Assert.Contains("CF_API_KEY", line, StringComparison.Ordinal);
        Assert.Equal(0, _server.Calls.Total);
    }

    [Fact]
    public async Task Token_file_and_global_key_are_accepted()
    {
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, _server.Token + "\n");
        try
        {
            var fromFile = await RunAsync(App(), Env("file:" + path));
            Assert.True(fromFile.ExitCode == 0, fromFile.Stderr);
        }
        finally
        {
            File.Delete(path);
        }

        _server.AddGlobalKey("ops@example.org", "0123456789abcdef0123456789abcdef01234");
        var key = await RunAsync(App("203.0.113.12"), new Dictionary<string, string>
        {
            ["CLOUDFLARE_BASE_URL"] = _server.BaseUrl.ToString(),
            ["CF_API_KEY"] = "0123456789abcdef0123456789abcdef01234",
            ["CF_API_EMAIL"] = "ops@example.org",
        });
        Assert.True(key.ExitCode == 0, key.Stderr);
        Assert.Contains(_server.Records(_zoneId), r => r.Content == "203.0.113.12");
    }

    [Fact]
    public async Task Bad_flag_values_are_rejected_naming_the_flag()
    {
        var perPage = await RunAsync(App(), Env(), "--cloudflare-dns-records-per-page=6000");
        Assert.Equal(2, perPage.ExitCode);
        Assert.Contains("--cloudflare-dns-records-per-page", perPage.Stderr, StringComparison.Ordinal);

        var tls = await RunAsync(App(), Env(), "--cloudflare-custom-hostnames-min-tls-version=1.4");
        Assert.Equal(2, tls.ExitCode);
        Assert.Contains("--cloudflare-custom-hostnames-min-tls-version", tls.Stderr, StringComparison.Ordinal);

        var env = Env();
        env["CLOUDFLARE_BASE_URL"] = "ftp://user:secret@example.org/";
        var url = await RunAsync(App(), env);
        Assert.Equal(1, url.ExitCode);
        Assert.Contains("CLOUDFLARE_BASE_URL", url.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", url.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, _server.Calls.Total);
    }

    [Fact]
    public async Task Throttling_is_retried_and_the_run_succeeds()
    {
        _server.Faults.ThrottleNext(2, retryAfterSeconds: 1, operation: CloudflareCallCounter.RecordsBatch);
        var run = await RunAsync(App(), Env());
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(3, _server.Calls[CloudflareCallCounter.RecordsBatch]);
        Assert.Contains(_server.Records(_zoneId), r => r.Name == "app.example.org");
    }
}

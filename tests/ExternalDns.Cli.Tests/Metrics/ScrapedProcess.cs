using System.Text.RegularExpressions;
using ExternalDns.Cli.Tests.Kubernetes;

namespace ExternalDns.Cli.Tests.Metrics;

/// <summary>
/// One run of the built <c>external-dns</c> loop (manifest source, in-memory provider, provider cache on) shared by the
/// metrics tests: started once, scraped over HTTP after its first successful sync, killed at the end.
/// </summary>
public sealed partial class ScrapedProcess : IAsyncLifetime
{
    private ExternalDnsLoop? _loop;

    internal Exposition Page { get; private set; } = new();

    public string Text { get; private set; } = string.Empty;

    public bool HealthzOk { get; private set; }

    public async Task InitializeAsync()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("records.yaml", MetricsEndpointTests.Manifests));
        _loop = ExternalDnsLoop.Start("metrics", [
            "--source=manifest", $"--manifest-path={dir}", "--provider=inmemory", "--inmemory-zone=example.org", "--policy=sync",
            "--interval=1h", "--provider-cache-time=1m", "--txt-owner-id=metrics-test", "--metrics-address=127.0.0.1:0"]);
        await _loop.WaitForLineAsync("Serving /healthz and /metrics on ", TimeSpan.FromSeconds(60));
        var url = MetricsUrl().Match(_loop.Output).Groups[1].Value;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        // The first reconcile runs at start; wait until it is reflected (last successful sync set).
        await Eventually.WaitAsync(
            async () =>
            {
                using var response = await http.GetAsync(new Uri(url + "/metrics"));
                Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
                Text = await response.Content.ReadAsStringAsync();
                Page = Exposition.Parse(Text);
                return Page.Families.TryGetValue("external_dns_controller_last_sync_timestamp_seconds", out var f) && f.Samples.Single().Value > 0;
            },
            TimeSpan.FromSeconds(60),
            () => $"no successful sync was reported.\n{_loop.Describe()}\n{Text}");

        using var health = await http.GetAsync(new Uri(url + "/healthz"));
        HealthzOk = health.IsSuccessStatusCode;
    }

    public Task DisposeAsync()
    {
        _loop?.Dispose();
        return Task.CompletedTask;
    }

    [GeneratedRegex("Serving /healthz and /metrics on (http://127\\.0\\.0\\.1:[0-9]+)")]
    private static partial Regex MetricsUrl();
}

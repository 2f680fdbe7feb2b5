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
    public async Task Client_secret_is_never_logged_and_instance_discovery_is_off_on_a_custom_authority()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("app.yaml", Manifests.LoadBalancerService("app", "app.example.com", "203.0.113.10")));

        var run = await ExternalDnsProcess.RunAsync([.. Args(dir, "e2e"), "--log-level=debug"], Env);

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Assert.Contains("app A 300 203.0.113.10", Records());
        var output = run.Stdout + run.Stderr;
        Assert.DoesNotContain(_azure.Options.ClientSecret, output, StringComparison.Ordinal);
        Assert.Equal(0, _azure.Counters["InstanceDiscovery"]);
        Assert.Contains(_azure.IssuedTokens, t => t.Flow == "ClientSecret");
        Assert.Contains("aadClientId", output, StringComparison.Ordinal); // the credential is named, its secret is not
    }

    [Fact]
    public async Task Private_zones_with_workload_identity_from_the_environment()
    {
        _azure.AddZone(AzureZoneKind.Private, Rg, "internal.example");
        var tokenFile = Path.Combine(_dir, "azure-identity-token");
        await File.WriteAllTextAsync(tokenFile, _azure.CreateFederatedToken());
        var config = ConfigFile($$"""
            {"tenantId": "{{_azure.Options.TenantId}}", "subscriptionId": "{{_azure.Options.SubscriptionId}}", "resourceGroup": "{{Rg}}", "useWorkloadIdentityExtension": true}
            """);
        var dir = ExternalDnsProcess.ManifestDirectory(("db.yaml", Manifests.LoadBalancerService("db", "db.internal.example", "10.1.2.3")));
        var env = Env;
        env["AZURE_CLIENT_ID"] = _azure.Options.ClientId;
        env["AZURE_FEDERATED_TOKEN_FILE"] = tokenFile;
        string[] args =
        [
            "--source=manifest", $"--manifest-path={dir}", "--provider=azure-private-dns", $"--azure-config-file={config}",
            $"--azure-resource-manager-endpoint={_azure.BaseAddress}", "--txt-owner-id=wi", "--policy=sync", "--once", "--log-level=debug",
        ];

        var run = await ExternalDnsProcess.RunAsync(args, env);

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        var sets = _azure.RecordSets(AzureZoneKind.Private, Rg, "internal.example");
        Assert.Contains(sets, r => r.Name == "db" && r.Type == "A" && r.Values.SequenceEqual(["10.1.2.3"]));
        Assert.Contains(sets, r => r.Name == "a-db" && r.Type == "TXT");
        Assert.Contains(_azure.IssuedTokens, t => t.Flow == "ClientAssertion");
        Assert.DoesNotContain(_azure.RecordSets(AzureZoneKind.Public, Rg, Zone), r => r.Type is not ("SOA" or "NS"));
        Assert.DoesNotContain(await File.ReadAllTextAsync(tokenFile), run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Managed_identity_through_the_app_service_identity_endpoint()
    {
        var config = ConfigFile($$"""
            {"subscriptionId": "{{_azure.Options.SubscriptionId}}", "resourceGroup": "{{Rg}}", "useManagedIdentityExtension": true, "userAssignedIdentityID": "{{_azure.Options.ManagedIdentityClientId}}"}
            """);
        var dir = ExternalDnsProcess.ManifestDirectory(("app.yaml", Manifests.LoadBalancerService("mi", "mi.example.com", "203.0.113.7")));
        var env = Env;
        env["IDENTITY_ENDPOINT"] = _azure.ManagedIdentityEndpoint.ToString();
        env["IDENTITY_HEADER"] = _azure.Options.ManagedIdentityHeader;
        string[] args =
        [
            "--source=manifest", $"--manifest-path={dir}", "--provider=azure", $"--azure-config-file={config}",
            $"--azure-resource-manager-endpoint={_azure.BaseAddress}", "--txt-owner-id=mi", "--policy=sync", "--once", "--log-level=warning",
        ];

        var run = await ExternalDnsProcess.RunAsync(args, env);

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Assert.Contains("mi A 300 203.0.113.7", Records());
        Assert.Contains(_azure.IssuedTokens, t => t.Flow == "ManagedIdentity" && t.ClientId == _azure.Options.ManagedIdentityClientId);
    }

    [Fact]
    public async Task Malformed_config_file_fails_with_one_line_naming_file_and_field()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("x.yaml", Manifests.LoadBalancerService("x", "x.example.com", "203.0.113.1")));
        var args = Args(dir, "x");
        var path = ConfigFile($$"""{"tenantId": "t", "subscriptionId": "s", "aadClientId": "c", "aadClientSecret": "{{_azure.Options.ClientSecret}}", "useManagedIdentityExtension": "yes"}""");

        var run = await ExternalDnsProcess.RunAsync(args.Select(a => a.StartsWith("--azure-config-file=", StringComparison.Ordinal) ? $"--azure-config-file={path}" : a), Env);

        // A configuration file that cannot be used is not a bad command line: exit 1 (2 is for the command line itself).
        Assert.Equal(1, run.ExitCode);
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.Contains(path, line, StringComparison.Ordinal);
        Assert.Contains("useManagedIdentityExtension", line, StringComparison.Ordinal);
        Assert.DoesNotContain(_azure.Options.ClientSecret, run.Stderr + run.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, _azure.Counters.ArmRequests);
    }
}

using ExternalDns.Testing.Azure;

namespace ExternalDns.Cli.Tests.Scenarios;

/// <summary>
/// The provider scenario with <c>--provider=azure</c> against the ARM DNS emulator: a service principal from azure.json,
/// tokens from the emulator's Entra ID endpoint (<c>AZURE_AUTHORITY_HOST</c>), its CA trusted through <c>SSL_CERT_FILE</c>.
/// </summary>
public sealed class AzureScenario : ProviderScenario, IAsyncLifetime
{
    private const string Rg = "dns-rg";
    private AzureDnsEmulator _azure = null!;
    private string _dir = null!;

    protected override string Zone => "scenario.example";

    protected override IReadOnlyList<string> ProviderArgs =>
        ["--provider=azure", $"--azure-config-file={Path.Combine(_dir, "azure.json")}", $"--azure-resource-manager-endpoint={_azure.BaseAddress}"];

    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["AZURE_AUTHORITY_HOST"] = _azure.BaseAddress.ToString(),
        ["SSL_CERT_FILE"] = Path.Combine(_dir, "ca.pem"),
    };

    public async Task InitializeAsync()
    {
        _azure = await AzureDnsEmulator.StartAsync();
        _azure.AddZone(AzureZoneKind.Public, Rg, Zone);
        _dir = Path.Combine(Path.GetTempPath(), "externaldns-azure-scenario-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        _azure.WriteCaBundle(Path.Combine(_dir, "ca.pem"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "azure.json"), $$"""
            {
              "tenantId": "{{_azure.Options.TenantId}}",
              "subscriptionId": "{{_azure.Options.SubscriptionId}}",
              "resourceGroup": "{{Rg}}",
              "aadClientId": "{{_azure.Options.ClientId}}",
              "aadClientSecret": "{{_azure.Options.ClientSecret}}"
            }
            """);
    }

    public async Task DisposeAsync()
    {
        await _azure.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    protected override Task SeedAsync(IReadOnlyList<ScenarioRecord> records)
    {
        foreach (var set in records.GroupBy(r => (r.Name, r.Type)))
        {
            var relative = set.Key.Name == Zone ? "@" : set.Key.Name[..^(Zone.Length + 1)];
            var values = set.Select(r => set.Key.Type == "TXT" ? $"\"{r.Value}\"" : r.Value);
            _azure.SetRecordSet(AzureZoneKind.Public, Rg, Zone, relative, set.Key.Type, 300, values);
        }

        return Task.CompletedTask;
    }

    protected override Task<IReadOnlyCollection<ScenarioRecord>> ReadZoneAsync() =>
        Task.FromResult<IReadOnlyCollection<ScenarioRecord>>(
            [.. _azure.RecordSets(AzureZoneKind.Public, Rg, Zone).Where(r => r.Type is not ("SOA" or "NS")).SelectMany(r => r.Values.Select(v => ScenarioRecord.Of(r.Fqdn, r.Type, v)))]);

    /// <summary>Every accepted write gives its record set a new etag.</summary>
    protected override Task<string> WriteMarkAsync() =>
        Task.FromResult(string.Join(",", _azure.RecordSets(AzureZoneKind.Public, Rg, Zone).Select(r => r.Etag)));

    /// <summary>ARM answers 503 to everything, and retries are off so that the run fails at once.</summary>
    protected override Task<IReadOnlyList<string>> ArrangeTransientFailureAsync()
    {
        _azure.Faults.FailNext(1000, System.Net.HttpStatusCode.ServiceUnavailable);
        return Task.FromResult<IReadOnlyList<string>>(["--azure-maxretries-count=0"]);
    }

    protected override Task ClearTransientFailureAsync()
    {
        _azure.Faults.Clear();
        return Task.CompletedTask;
    }
}

using ExternalDns.Testing.Google;

namespace ExternalDns.Cli.Tests.Scenarios;

/// <summary>
/// The provider scenario with <c>--provider=google</c> against the Cloud DNS emulator: credentials from a service
/// account key file generated here (its <c>token_uri</c> is the emulator), the zone read back from the emulator's state.
/// </summary>
public sealed class GoogleScenario : ProviderScenario, IAsyncLifetime
{
    private const string Project = "p";
    private const string ZoneName = "scenario-example";
    private CloudDnsEmulator _emulator = null!;
    private GoogleTestServiceAccount _account = null!;
    private string _dir = null!;
    private string _keyFile = null!;

    protected override string Zone => "scenario.example";

    protected override IReadOnlyList<string> ProviderArgs =>
    [
        "--provider=google", $"--google-project={Project}", $"--google-api-endpoint={_emulator.ApiEndpoint}",
        "--google-batch-change-interval=0s", $"--domain-filter={Zone}",
    ];

    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["GOOGLE_APPLICATION_CREDENTIALS"] = _keyFile,
        ["HOME"] = _dir,
        ["GCE_METADATA_HOST"] = "127.0.0.1:9",
    };

    public async Task InitializeAsync()
    {
        _emulator = await CloudDnsEmulator.StartAsync();
        _account = _emulator.CreateServiceAccount(projectId: Project);
        _dir = Path.Combine(Path.GetTempPath(), "externaldns-google-scenario-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        _keyFile = _account.WriteTo(Path.Combine(_dir, "key.json"));
        _emulator.AddZone(Project, ZoneName, Zone + ".");
    }

    public async Task DisposeAsync()
    {
        _account.Dispose();
        await _emulator.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    protected override Task SeedAsync(IReadOnlyList<ScenarioRecord> records)
    {
        _emulator.PutRecords(Project, ZoneName, [.. records.GroupBy(r => (r.Name, r.Type)).Select(g =>
            new CloudDnsRecordSet(g.Key.Name + ".", g.Key.Type, 300, [.. g.Select(r => g.Key.Type == "TXT" ? $"\"{r.Value}\"" : r.Value)]))]);
        return Task.CompletedTask;
    }

    protected override Task<IReadOnlyCollection<ScenarioRecord>> ReadZoneAsync() =>
        Task.FromResult<IReadOnlyCollection<ScenarioRecord>>(
            [.. _emulator.Records(Project, ZoneName).Where(r => r.Type is not ("SOA" or "NS")).SelectMany(r => r.Rrdatas.Select(d => ScenarioRecord.Of(r.Name, r.Type, d)))]);

    protected override Task<string> WriteMarkAsync() =>
        Task.FromResult(_emulator.ChangeCount(Project, ZoneName).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Cloud DNS answers 403 <c>quotaExceeded</c> (a quota window, not retried within the run).</summary>
    protected override Task<IReadOnlyList<string>> ArrangeTransientFailureAsync()
    {
        _emulator.FailNext(1000, 403, "quotaExceeded");
        return Task.FromResult<IReadOnlyList<string>>([]);
    }

    protected override Task ClearTransientFailureAsync()
    {
        _emulator.ClearFaults();
        return Task.CompletedTask;
    }
}

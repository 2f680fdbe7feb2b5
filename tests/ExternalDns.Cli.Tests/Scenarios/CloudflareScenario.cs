using System.Globalization;
using ExternalDns.Testing.Cloudflare;

namespace ExternalDns.Cli.Tests.Scenarios;

/// <summary>
/// The provider scenario against the Cloudflare API emulator: <c>CLOUDFLARE_BASE_URL</c> points at it and
/// <c>CF_API_TOKEN</c> carries its token; the zone is read straight from the emulator's state.
/// </summary>
public sealed class CloudflareScenario : ProviderScenario, IClassFixture<CloudflareEmulatorFixture>
{
    private readonly CloudflareApiServer _server;
    private readonly string _zoneId;

    public CloudflareScenario(CloudflareEmulatorFixture fixture)
    {
        _server = fixture.Server;
        _zoneId = _server.Zones.FirstOrDefault(z => z.Name == Zone)?.Id ?? _server.AddZone(Zone).Id;
    }

    protected override string Zone => "scenario.example";

    protected override IReadOnlyList<string> ProviderArgs => ["--provider=cloudflare", $"--domain-filter={Zone}", "--batch-change-interval=0s"];

    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["CLOUDFLARE_BASE_URL"] = _server.BaseUrl.ToString(),
        ["CF_API_TOKEN"] = _server.Token,
    };

    protected override Task SeedAsync(IReadOnlyList<ScenarioRecord> records)
    {
        foreach (var r in records)
        {
            _server.AddRecord(_zoneId, r.Name, r.Type, r.Type == "TXT" ? $"\"{r.Value}\"" : r.Value);
        }

        return Task.CompletedTask;
    }

    protected override Task<IReadOnlyCollection<ScenarioRecord>> ReadZoneAsync() =>
        Task.FromResult<IReadOnlyCollection<ScenarioRecord>>([.. _server.Records(_zoneId).Select(r => ScenarioRecord.Of(r.Name, r.Type, r.Content))]);

    protected override Task<string> WriteMarkAsync() => Task.FromResult(_server.Calls.Writes.ToString(CultureInfo.InvariantCulture));

    /// <summary>Every call answers 503 until cleared: the retries run out and the run fails transiently.</summary>
    protected override Task<IReadOnlyList<string>> ArrangeTransientFailureAsync()
    {
        _server.Faults.FailNext(1000, 503);
        return Task.FromResult<IReadOnlyList<string>>([]);
    }

    protected override Task ClearTransientFailureAsync()
    {
        _server.Faults.Reset();
        return Task.CompletedTask;
    }
}

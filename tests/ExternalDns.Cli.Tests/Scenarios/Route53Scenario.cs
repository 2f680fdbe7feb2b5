using System.Globalization;
using ExternalDns.Testing.Route53;

namespace ExternalDns.Cli.Tests.Scenarios;

/// <summary>The provider scenario against the Route53 emulator (<c>AWS_ENDPOINT_URL_ROUTE_53</c>, static credentials in the environment).</summary>
public sealed class Route53Scenario : ProviderScenario, IClassFixture<Route53EmulatorFixture>, IAsyncLifetime
{
    private readonly Route53EmulatorFixture _fixture;
    private Route53HostedZone _zone = null!;

    public Route53Scenario(Route53EmulatorFixture fixture)
    {
        _fixture = fixture;
    }

    protected override string Zone => "scenario.example";

    protected override IReadOnlyList<string> ProviderArgs => ["--provider=aws", $"--domain-filter={Zone}", "--aws-batch-change-interval=0s"];

    protected override IReadOnlyDictionary<string, string> Environment => _fixture.Environment();

    private Route53Emulator Emulator => _fixture.Emulator;

    public Task InitializeAsync()
    {
        _zone = Emulator.Zones.FirstOrDefault(z => z.Name == Zone + ".") ?? Emulator.CreateHostedZone(Zone);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    protected override Task SeedAsync(IReadOnlyList<ScenarioRecord> records)
    {
        foreach (var g in records.GroupBy(r => (r.Name, r.Type)))
        {
            Emulator.Seed(_zone.Id, new Route53RecordSet
            {
                Name = g.Key.Name,
                Type = g.Key.Type,
                Ttl = 300,
                Values = [.. g.Select(r => r.Type == "TXT" ? $"\"{r.Value}\"" : r.Value)],
            });
        }

        return Task.CompletedTask;
    }

    protected override Task<IReadOnlyCollection<ScenarioRecord>> ReadZoneAsync() =>
        Task.FromResult<IReadOnlyCollection<ScenarioRecord>>(
            [.. Emulator.RecordSets(_zone.Id)
                .Where(r => r.Type is not "SOA" and not "NS")
                .SelectMany(r => r.AliasTarget is { } alias ? [ScenarioRecord.Of(r.Name, r.Type, alias.DnsName)] : r.Values.Select(v => ScenarioRecord.Of(r.Name, r.Type, v)))]);

    protected override Task<string> WriteMarkAsync() =>
        Task.FromResult(Emulator.Calls.AppliedBatches.Count.ToString(CultureInfo.InvariantCulture));

    /// <summary>Route53 answers 503 to every call for a while; with no retries the run fails.</summary>
    protected override Task<IReadOnlyList<string>> ArrangeTransientFailureAsync()
    {
        Emulator.Faults.FailNext(100, Route53FaultKind.ServiceUnavailable);
        return Task.FromResult<IReadOnlyList<string>>(["--aws-api-retries=0"]);
    }

    protected override Task ClearTransientFailureAsync()
    {
        Emulator.Faults.Reset();
        return Task.CompletedTask;
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ExternalDns.Testing.Servers;

namespace ExternalDns.Cli.Tests.Scenarios;

/// <summary>The provider scenario against a real PowerDNS through its HTTP API; the zone is read back with dig AXFR.</summary>
public sealed class PowerDnsScenario : ProviderScenario, IClassFixture<PowerDnsServer>, IAsyncLifetime
{
    private readonly PowerDnsServer _pdns;

    public PowerDnsScenario(PowerDnsServer pdns)
    {
        _pdns = pdns;
    }

    protected override string Zone => "scenario.example";

    protected override IReadOnlyList<string> ProviderArgs => ["--provider=pdns", $"--pdns-server={_pdns.ApiUrl}", $"--domain-filter={Zone}"];

    protected override IReadOnlyDictionary<string, string> Environment =>
        new Dictionary<string, string> { ["EXTERNAL_DNS_PDNS_API_KEY"] = _pdns.ApiKey };

    public async Task InitializeAsync()
    {
        if (!await _pdns.ZoneExistsAsync(Zone))
        {
            await _pdns.CreateZoneAsync(Zone);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    protected override Task SeedAsync(IReadOnlyList<ScenarioRecord> records)
    {
        var rrsets = records.GroupBy(r => (r.Name, r.Type)).Select(g => new
        {
            name = g.Key.Name + ".",
            type = g.Key.Type,
            ttl = 300,
            changetype = "REPLACE",
            records = g.Select(r => new { content = g.Key.Type == "TXT" ? $"\"{r.Value}\"" : r.Value, disabled = false }).ToArray(),
        });
        return _pdns.PatchZoneAsync(Zone, JsonSerializer.Serialize(new { rrsets }));
    }

    protected override Task<IReadOnlyCollection<ScenarioRecord>> ReadZoneAsync() =>
        Task.FromResult<IReadOnlyCollection<ScenarioRecord>>(
            [.. DigAxfr.Lines(_pdns.DnsPort, Zone).Select(l => l.Split(' ', 5)).Where(p => p[3] is not "SOA" and not "NS").Select(p => ScenarioRecord.Of(p[0], p[3], p[4]))]);

    protected override Task<string> WriteMarkAsync() =>
        Task.FromResult(DigAxfr.Lines(_pdns.DnsPort, Zone).First(l => l.Split(' ')[3] == "SOA").Split(' ')[6]);

    /// <summary>An API URL on which nothing listens: connections are refused.</summary>
    protected override Task<IReadOnlyList<string>> ArrangeTransientFailureAsync()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return Task.FromResult<IReadOnlyList<string>>([$"--pdns-server=http://127.0.0.1:{port}"]);
    }
}

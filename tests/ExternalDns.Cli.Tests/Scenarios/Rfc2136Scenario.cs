using System.Net;
using System.Net.Sockets;
using ExternalDns.Testing.Servers;

namespace ExternalDns.Cli.Tests.Scenarios;

/// <summary>The provider scenario against a real BIND 9 over RFC 2136 with TSIG; the zone is read back with dig AXFR.</summary>
public sealed class Rfc2136Scenario(BindServer bind) : ProviderScenario, IClassFixture<BindServer>
{
    protected override string Zone => "example.org";

    protected override IReadOnlyList<string> ProviderArgs =>
    [
        "--provider=rfc2136", "--rfc2136-host=127.0.0.1", $"--rfc2136-port={bind.Port}", "--rfc2136-zone=example.org",
        $"--rfc2136-tsig-keyname={BindServer.KeyName}", "--rfc2136-tsig-secret-alg=hmac-sha256", "--rfc2136-axfr",
    ];

    protected override IReadOnlyDictionary<string, string> Environment =>
        new Dictionary<string, string> { ["EXTERNAL_DNS_RFC2136_TSIG_SECRET"] = BindServer.KeySecret };

    protected override Task SeedAsync(IReadOnlyList<ScenarioRecord> records)
    {
        bind.Nsupdate(Zone, [.. records.Select(r => $"update add {r.Name} 300 {r.Type} {(r.Type == "TXT" ? $"\"{r.Value}\"" : r.Value)}")]);
        return Task.CompletedTask;
    }

    protected override Task<IReadOnlyCollection<ScenarioRecord>> ReadZoneAsync() =>
        Task.FromResult<IReadOnlyCollection<ScenarioRecord>>(
            [.. bind.DigAxfr(Zone).Select(l => l.Split(' ', 5)).Where(p => p[3] is not "SOA" and not "NS").Select(p => ScenarioRecord.Of(p[0], p[3], p[4]))]);

    protected override Task<string> WriteMarkAsync() =>
        Task.FromResult(bind.DigAxfr(Zone).First(l => l.Split(' ')[3] == "SOA").Split(' ')[6]);

    /// <summary>A port on which nothing answers: the UPDATE and the AXFR time out or are refused.</summary>
    protected override Task<IReadOnlyList<string>> ArrangeTransientFailureAsync()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return Task.FromResult<IReadOnlyList<string>>([$"--rfc2136-port={port}"]);
    }
}

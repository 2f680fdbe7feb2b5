using System.Text.Json.Nodes;
using ExternalDns.Testing.Webhook;

namespace ExternalDns.Cli.Tests.Scenarios;

/// <summary>
/// The provider scenario with <c>--provider=webhook</c> against the in-process webhook provider written from upstream's
/// protocol document; the zone is read from the webhook's own record store, the write mark is its count of accepted
/// <c>POST /records</c>, and the transient failure is one <c>GET /records</c> answered 500.
/// </summary>
public sealed class WebhookScenario(WebhookTestServerFixture fixture) : ProviderScenario, IClassFixture<WebhookTestServerFixture>, IAsyncLifetime
{
    private WebhookTestServer _webhook = null!;

    protected override string Zone => "example.org";

    protected override IReadOnlyList<string> ProviderArgs => ["--provider=webhook", $"--webhook-provider-url={_webhook.Url}"];

    public async Task InitializeAsync() => _webhook = await fixture.ServerAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected override Task SeedAsync(IReadOnlyList<ScenarioRecord> records)
    {
        _webhook.Seed([.. records.Select(r => new JsonObject
        {
            ["dnsName"] = r.Name,
            ["targets"] = new JsonArray(r.Type == "TXT" ? $"\"{r.Value}\"" : r.Value),
            ["recordType"] = r.Type,
        }.ToJsonString())]);
        return Task.CompletedTask;
    }

    protected override Task<IReadOnlyCollection<ScenarioRecord>> ReadZoneAsync() =>
        Task.FromResult<IReadOnlyCollection<ScenarioRecord>>(
            [.. _webhook.Records.Select(r => JsonNode.Parse(r)!)
                .SelectMany(r => r["targets"]!.AsArray().Select(t => ScenarioRecord.Of((string)r["dnsName"]!, (string)r["recordType"]!, (string)t!)))]);

    protected override Task<string> WriteMarkAsync() =>
        Task.FromResult(_webhook.Requests.Count(r => r is { Method: "POST", Path: "/records", Status: 204 }).ToString(System.Globalization.CultureInfo.InvariantCulture));

    protected override Task<IReadOnlyList<string>> ArrangeTransientFailureAsync()
    {
        _webhook.Inject(WebhookFault.Status("GET", "/records", 500, times: 1));
        return Task.FromResult<IReadOnlyList<string>>([]);
    }

    protected override Task ClearTransientFailureAsync()
    {
        _webhook.ClearFaults();
        return Task.CompletedTask;
    }
}

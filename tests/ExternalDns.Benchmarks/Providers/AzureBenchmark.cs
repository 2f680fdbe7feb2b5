using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Registry;
using ExternalDns.Providers.Azure;
using ExternalDns.Testing.Azure;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Benchmarks.Providers;

/// <summary>
/// <c>dotnet run -c Release --project tests/ExternalDns.Benchmarks -- azure [HOSTS [RUNS]]</c>: a reconcile loop
/// (TXT registry, planner, <see cref="AzureProvider"/>) against the ARM DNS emulator over HTTPS. Each run starts a fresh
/// emulator, syncs HOSTS A records (default 4,999: with their ownership TXT, SOA and NS the zone holds 10,000 record
/// sets, Azure's default maximum for a public zone), syncs again with nothing changed, then changes the address of 1% of
/// the hosts and syncs. Beside it, in the same run and with the same HTTP handler stack, a raw paginated list of the
/// same zone (GET + nextLink, JSON parsed, nothing mapped). API calls are counted by the emulator, per operation.
/// </summary>
public static class AzureBenchmark
{
    private const string Rg = "bench-rg";
    private const string Zone = "example.com";
    private const int DefaultHosts = 4_999;
    private const int DefaultRuns = 3;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var hosts = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : DefaultHosts;
        var runs = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : DefaultRuns;
        var changed = Math.Max(1, hosts / 100);
        var results = new List<Dictionary<string, Phase>>();
        var total = Stopwatch.StartNew();
        await OneRunAsync(100, 1, cancellationToken).ConfigureAwait(false); // warm-up, not recorded
        for (var run = 1; run <= runs; run++)
        {
            var result = await OneRunAsync(hosts, changed, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            await Console.Error.WriteLineAsync($"run {run}/{runs}: " + string.Join(", ", result.Select(kv => $"{kv.Key} {Ms(kv.Value.Elapsed)} ms ({kv.Value.Calls})"))).ConfigureAwait(false);
        }

        await output.WriteAsync(Report(hosts, changed, runs, results, total.Elapsed).AsMemory(), cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private static async Task<Dictionary<string, Phase>> OneRunAsync(int hosts, int changed, CancellationToken cancellationToken)
    {
        await using var emulator = await AzureDnsEmulator.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        emulator.AddZone(AzureZoneKind.Public, Rg, Zone);
        var options = new AzureProviderOptions
        {
            SubscriptionId = emulator.Options.SubscriptionId,
            ResourceGroup = Rg,
            Credential = new AzureCredentialSettings
            {
                Kind = AzureCredentialKind.ClientSecret,
                TenantId = emulator.Options.TenantId,
                ClientId = emulator.Options.ClientId,
                ClientSecret = emulator.Options.ClientSecret,
            },
            AuthorityHost = emulator.BaseAddress,
            DisableInstanceDiscovery = true,
            ResourceManagerEndpoint = emulator.BaseAddress,
            Audience = emulator.Options.Audience,
        };
        using var provider = AzureProvider.Create(options, DomainFilter.All, NullLoggerFactory.Instance, TimeProvider.System,
            emulator.CreateHttpMessageHandler(), emulator.CreateHttpMessageHandler());
        var desired = Enumerable.Range(0, hosts).Select(i => Host(i, 0)).ToList();
        var phases = new Dictionary<string, Phase>(StringComparer.Ordinal);

        phases["initial sync"] = await MeasureAsync(emulator, () => SyncAsync(provider, desired, cancellationToken)).ConfigureAwait(false);
        Verify(emulator, hosts, 0, 0);

        // Baseline, right before the no-change sync: the same zone listed raw through the same TLS handler with a token
        // from the same endpoint, JSON parsed, nothing mapped; then the provider's own read alone (RecordsAsync).
        using var raw = new HttpClient(emulator.CreateHttpMessageHandler());
        raw.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await emulator.GetTokenAsync(cancellationToken).ConfigureAwait(false));
        phases["baseline: raw list"] = await MeasureAsync(emulator, () => RawListAsync(raw, emulator, cancellationToken)).ConfigureAwait(false);
        phases["provider read only"] = await MeasureAsync(emulator, async () => (await provider.RecordsAsync(cancellationToken).ConfigureAwait(false)).Count).ConfigureAwait(false);
        phases["nothing changed"] = await MeasureAsync(emulator, () => SyncAsync(provider, desired, cancellationToken)).ConfigureAwait(false);
        for (var i = 0; i < changed; i++)
        {
            var index = i * (hosts / changed);
            desired[index] = Host(index, 1);
        }

        phases["1% changed"] = await MeasureAsync(emulator, () => SyncAsync(provider, desired, cancellationToken)).ConfigureAwait(false);
        Verify(emulator, hosts, changed, 1);

        return phases;
    }

    private static Endpoint Host(int i, int version) =>
        new($"host-{i}.{Zone}", "A", string.Create(CultureInfo.InvariantCulture, $"10.{version}.{i >> 8}.{i & 255}"));

    private static async Task<int> SyncAsync(AzureProvider provider, IReadOnlyList<Endpoint> desired, CancellationToken cancellationToken)
    {
        var registry = new TxtRegistry(provider, new TxtRegistryOptions { OwnerId = "bench" });
        var current = await registry.RecordsAsync(cancellationToken).ConfigureAwait(false);
        var plan = Planner.Calculate(current, registry.AdjustEndpoints(desired), new PlanOptions { OwnerId = "bench", DomainFilters = [registry.DomainFilter] });
        if (plan.Changes.HasChanges)
        {
            await registry.ApplyChangesAsync(plan.Changes, cancellationToken).ConfigureAwait(false);
        }

        return plan.Changes.Count;
    }

    private static async Task<int> RawListAsync(HttpClient client, AzureDnsEmulator emulator, CancellationToken cancellationToken)
    {
        var count = 0;
        string? next = new Uri(emulator.BaseAddress,
            $"subscriptions/{emulator.Options.SubscriptionId}/resourceGroups/{Rg}/providers/Microsoft.Network/dnszones/{Zone}/all?api-version=2018-05-01&$top=1000").ToString();
        while (next is not null)
        {
            using var response = await client.GetAsync(new Uri(next), cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
            count += json.RootElement.GetProperty("value").GetArrayLength();
            next = json.RootElement.TryGetProperty("nextLink", out var link) ? link.GetString() : null;
        }

        return count;
    }

    private static async Task<Phase> MeasureAsync(AzureDnsEmulator emulator, Func<Task<int>> action)
    {
        var before = emulator.Counters.Snapshot();
        var clock = Stopwatch.StartNew();
        var items = await action().ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        var after = emulator.Counters.Snapshot();
        long D(string op) => after.GetValueOrDefault(op) - before.GetValueOrDefault(op);
        return new Phase(elapsed, D("Zones_ListByResourceGroup"), D("RecordSets_ListAllByDnsZone"), D("RecordSets_CreateOrUpdate") + D("RecordSets_Delete"), D("Token"), items);
    }

    private static void Verify(AzureDnsEmulator emulator, int hosts, int changed, int version)
    {
        var sets = emulator.RecordSets(AzureZoneKind.Public, Rg, Zone);
        var a = sets.Where(s => s.Type == "A").ToList();
        var txt = sets.Count(s => s.Type == "TXT");
        var moved = a.Count(s => s.Values.Single().StartsWith($"10.{version}.", StringComparison.Ordinal));
        if (a.Count != hosts || txt != hosts || (version == 1 && moved != changed))
        {
            throw new InvalidOperationException($"zone check failed: {a.Count} A, {txt} TXT, {moved} changed (expected {hosts}, {hosts}, {changed})");
        }
    }

    private static string Report(int hosts, int changed, int runs, List<Dictionary<string, Phase>> results, TimeSpan total)
    {
        var ci = CultureInfo.InvariantCulture;
        var recordSets = (2 * hosts) + 2;
        var pages = (recordSets + 999) / 1000;
        var minimum = new Dictionary<string, (long Lists, long Pages, long Writes)>(StringComparer.Ordinal)
        {
            ["initial sync"] = (1, 1, 2L * hosts),
            ["nothing changed"] = (1, pages, 0),
            ["1% changed"] = (1, pages, changed),
            ["baseline: raw list"] = (0, pages, 0),
            ["provider read only"] = (1, pages, 0),
        };
        var text = new StringBuilder();
        text.Append(ci, $"## Azure DNS: {hosts:N0} hosts ({recordSets:N0} record sets with ownership TXT, SOA and NS), {changed} changed, {runs} run(s)\n\n");
        text.Append(ci, $"Machine: {Environment.ProcessorCount} logical CPUs; .NET {Environment.Version}; ARM DNS emulator over HTTPS on loopback; page size ($top) 1000.\n\n");
        text.Append("| Phase | Wall time min | Wall time median | Zone lists | Record set pages | Writes (PUT/DELETE) | Token requests | Minimum (lists + pages + writes) | Met |\n");
        text.Append("|---|---:|---:|---:|---:|---:|---:|---|---|\n");
        foreach (var phase in results[0].Keys)
        {
            var all = results.Select(r => r[phase]).ToList();
            var times = all.Select(p => p.Elapsed).Order().ToList();
            var median = times[times.Count / 2];
            var p0 = all[0];
            var min = minimum[phase];
            var met = all.All(p => p.ZoneLists <= min.Lists && p.Pages <= min.Pages && p.Writes <= min.Writes) ? "met" : "NOT met";
            text.Append(ci, $"| {phase} | {Ms(times[0])} ms | {Ms(median)} ms | {p0.ZoneLists} | {p0.Pages} | {p0.Writes} | {p0.Tokens} | {min.Lists} + {min.Pages} + {min.Writes} | {met} |\n");
        }

        text.Append(ci, $"\nTotal benchmark time (warm-up and verification included): {total.TotalSeconds:F1} s.\n");
        return text.ToString();
    }

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture);

    private sealed record Phase(TimeSpan Elapsed, long ZoneLists, long Pages, long Writes, long Tokens, int Items)
    {
        public string Calls => $"{ZoneLists} zone lists, {Pages} pages, {Writes} writes, {Tokens} tokens";
    }
}

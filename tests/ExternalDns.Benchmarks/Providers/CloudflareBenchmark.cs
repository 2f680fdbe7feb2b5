using System.Diagnostics;
using System.Globalization;
using System.Text;
using ExternalDns.Core.Controller;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Registry;
using ExternalDns.Core.Sources;
using ExternalDns.Providers.Cloudflare;
using ExternalDns.Providers.Cloudflare.Api;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Testing.Cloudflare;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Benchmarks.Providers;

/// <summary>
/// <c>dotnet run -c Release --project tests/ExternalDns.Benchmarks -- cloudflare [RECORDS [RUNS]]</c>: the Cloudflare
/// provider through the full reconcile (TXT registry, planner) against the Cloudflare API emulator, with
/// <c>--cloudflare-dns-records-per-page=5000</c> on a Pro zone: first sync of RECORDS (default 10,000) A records plus
/// their TXT ownership records, a second run with nothing changed, then 1 % of the addresses changed. API calls per
/// phase are counted by the emulator and compared with the minimum (list pages = ceil(records / 5000), writes =
/// ceil(operations / batch size)); wall time is shown beside a raw paginated list of the same zone with the same API
/// client, in the same run. Every phase is verified against the emulator's state; a difference aborts.
/// </summary>
public static class CloudflareBenchmark
{
    private const string Zone = "bench.example";
    private const int PerPage = 5000;
    private const int BatchSize = 3500;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var count = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var runs = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var changed = Math.Max(1, count / 100);
        var total = Stopwatch.StartNew();

        await Console.Error.WriteLineAsync("warm-up (200 records, not recorded)").ConfigureAwait(false);
        await RunOnceAsync(200, 2, cancellationToken).ConfigureAwait(false);
        var results = new List<Dictionary<string, Phase>>();
        for (var run = 1; run <= runs; run++)
        {
            var result = await RunOnceAsync(count, changed, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"run {run}/{runs}: {string.Join(", ", result.Select(kv => $"{kv.Key} {Ms(kv.Value.Elapsed)} ms"))}")).ConfigureAwait(false);
        }

        var text = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown";
        text.Append(ci, $"## Cloudflare benchmark: {count:N0} A records (+{count:N0} TXT), {changed:N0} changed, {runs} run(s)\n\n");
        text.Append(ci, $"Machine: {Environment.ProcessorCount} logical CPUs, {cpu}; .NET {Environment.Version}. Pro zone, per_page {PerPage}, --batch-change-size={BatchSize}, --batch-change-interval=0s.\n\n");
        text.Append("| Phase | Wall time min | Wall time median | API calls (this run) | Minimum | Writes | Met |\n|---|---:|---:|---|---|---:|---|\n");
        foreach (var name in results[0].Keys)
        {
            var phases = results.Select(r => r[name]).ToList();
            var times = phases.Select(p => p.Elapsed).Order().ToList();
            var median = times[times.Count / 2];
            var calls = phases.Select(p => p.Calls).Distinct(StringComparer.Ordinal).ToList();
            var met = phases.All(p => p.Met) ? "yes" : "**no**";
            text.Append(ci, $"| {name} | {Ms(times[0])} ms | {Ms(median)} ms | {string.Join(" / ", calls)} | {phases[0].Minimum} | {phases[0].Writes} | {met} |\n");
        }

        text.Append(ci, $"\nTotal benchmark time (warm-up, emulator starts and verification included): {total.Elapsed.TotalSeconds:F1} s.\n");
        await output.WriteAsync(text.ToString().AsMemory(), cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return results.All(r => r.Values.All(p => p.Met)) ? 0 : 1;
    }

    private static async Task<Dictionary<string, Phase>> RunOnceAsync(int count, int changed, CancellationToken cancellationToken)
    {
        await using var server = await CloudflareApiServer.StartAsync(null, cancellationToken).ConfigureAwait(false);
        var zone = server.AddZone(Zone, CloudflarePlan.Pro);
        var options = new CloudflareProviderOptions
        {
            BaseUrl = server.BaseUrl,
            DnsRecordsPerPage = PerPage,
            BatchChangeSize = BatchSize,
            BatchChangeInterval = TimeSpan.Zero,
        };
        var handler = new ProviderHttpFactory(new MetricRegistry(), TimeProvider.System, NullLoggerFactory.Instance).CreateHandler(options.Http);
        using var client = new CloudflareApiClient(server.BaseUrl, CloudflareCredentials.FromToken(server.Token), handler);
        using var provider = new CloudflareProvider(options, client, DomainFilter.All, NullLogger<CloudflareProvider>.Instance);
        var registry = new TxtRegistry(provider, new TxtRegistryOptions { OwnerId = "bench" });
        var source = new Source(count);
        var reconciler = new Reconciler(source, registry, new ControllerOptions(), new ControllerMetrics(new MetricRegistry()), TimeProvider.System, NullLogger<Reconciler>.Instance);
        var phases = new Dictionary<string, Phase>(StringComparer.Ordinal);

        // 1. First sync: 1 zone list + 1 (empty) record page; ceil(2N / batch) batches.
        phases["first sync"] = await MeasureAsync(server, reconciler, source, zone.Id, zoneLists: 1, pages: 1, writes: Ceil(2 * count, BatchSize), cancellationToken).ConfigureAwait(false);

        // 2. Nothing changed: 1 zone list + ceil(2N / 5000) pages; no write.
        phases["no change"] = await MeasureAsync(server, reconciler, source, zone.Id, zoneLists: 1, pages: Ceil(2 * count, PerPage), writes: 0, cancellationToken).ConfigureAwait(false);

        // 3. Baseline: the same zone listed raw, page by page, with the same client.
        server.Calls.Reset();
        var started = Stopwatch.GetTimestamp();
        var listed = await client.ListDnsRecordsAsync(zone.Id, PerPage, cancellationToken).ConfigureAwait(false);
        var rawElapsed = Stopwatch.GetElapsedTime(started);
        if (listed.Count != 2 * count)
        {
            throw new InvalidOperationException($"raw list returned {listed.Count} records, expected {2 * count}");
        }

        var rawPages = server.Calls[CloudflareCallCounter.RecordsList];
        phases["baseline: raw paginated list, same client"] = new Phase(rawElapsed, $"{rawPages} dns_records.list", $"{Ceil(2 * count, PerPage)} dns_records.list", 0, rawPages == Ceil(2 * count, PerPage));

        // For the breakdown: the provider's read alone (zone list, pages, grouping into endpoints), no registry or plan.
        server.Calls.Reset();
        started = Stopwatch.GetTimestamp();
        await provider.RecordsAsync(cancellationToken).ConfigureAwait(false);
        var readElapsed = Stopwatch.GetElapsedTime(started);
        var readCalls = server.Calls.Total;
        phases["provider read only (RecordsAsync)"] = new Phase(readElapsed, $"{readCalls} calls", $"{1 + Ceil(2 * count, PerPage)} calls", 0, readCalls == 1 + Ceil(2 * count, PerPage));

        // 4. 1 % of the addresses changed: each is one delete and one create (the TXT record is unchanged).
        source.Change(changed);
        phases[$"{changed:N0} changed (1 %)"] = await MeasureAsync(server, reconciler, source, zone.Id, zoneLists: 1, pages: Ceil(2 * count, PerPage), writes: Ceil(2 * changed, BatchSize), cancellationToken).ConfigureAwait(false);
        return phases;
    }

    private static async Task<Phase> MeasureAsync(CloudflareApiServer server, Reconciler reconciler, Source source, string zoneId, int zoneLists, int pages, int writes, CancellationToken cancellationToken)
    {
        server.Calls.Reset();
        var started = Stopwatch.GetTimestamp();
        var outcome = await reconciler.RunOnceAsync(cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        Verify(server, zoneId, source);
        var calls = server.Calls.Snapshot();
        var total = calls.Values.Sum();
        var minimum = zoneLists + pages + writes;
        var text = string.Join(" + ", calls.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Value} {kv.Key}"));
        var met = total == minimum && server.Calls.Writes == writes && (writes > 0) == outcome.Applied;
        return new Phase(elapsed, text, $"{zoneLists} zones.list + {pages} dns_records.list + {writes} batch = {minimum}", server.Calls.Writes, met);
    }

    private static void Verify(CloudflareApiServer server, string zoneId, Source source)
    {
        var records = server.Records(zoneId);
        var a = records.Where(r => r.Type == "A").Select(r => (r.Name, r.Content)).ToHashSet();
        var expected = source.Expected();
        if (!a.SetEquals(expected) || records.Count(r => r.Type == "TXT") != expected.Count)
        {
            throw new InvalidOperationException($"zone differs from the desired state: {a.Count} A records ({a.Except(expected).Count()} unexpected), {records.Count(r => r.Type == "TXT")} TXT");
        }
    }

    private static int Ceil(int n, int d) => (n + d - 1) / d;

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture);

    private sealed record Phase(TimeSpan Elapsed, string Calls, string Minimum, int Writes, bool Met);

    private sealed class Source(int count) : ISource
    {
        private readonly string[] _addresses = [.. Enumerable.Range(0, count).Select(Address)];

        public string Name => "benchmark";

        public void Change(int n)
        {
            for (var i = 0; i < n; i++)
            {
                _addresses[i * (count / n)] = string.Create(CultureInfo.InvariantCulture, $"172.16.{i >> 8 & 255}.{i & 255}");
            }
        }

        public HashSet<(string, string)> Expected() => [.. _addresses.Select((a, i) => (HostName(i), a))];

        public Task<SourceResult> EndpointsAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new SourceResult([.. _addresses.Select((a, i) => new Endpoint(HostName(i), RecordTypes.A, 300, [a]))]));

        private static string HostName(int i) => string.Create(CultureInfo.InvariantCulture, $"host-{i}.{Zone}");

        private static string Address(int i) => string.Create(CultureInfo.InvariantCulture, $"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}");
    }
}

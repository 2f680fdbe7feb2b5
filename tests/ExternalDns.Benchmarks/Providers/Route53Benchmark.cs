using System.Diagnostics;
using System.Globalization;
using System.Text;
using Amazon.Runtime;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Registry;
using ExternalDns.Providers.Aws;
using ExternalDns.Providers.Aws.Api;
using ExternalDns.Providers.Aws.Auth;
using ExternalDns.Testing.Route53;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Benchmarks.Providers;

/// <summary>
/// <c>dotnet run -c Release --project tests/ExternalDns.Benchmarks -- route53 [RECORDS [RUNS]]</c>: a zone of RECORDS
/// (default 10,000) A records plus their ownership TXT records synced through the AWS provider into the Route53
/// emulator; then a second run with nothing changed; then 1 % of the targets changed. Each reconcile (registry read,
/// adjust, plan, apply) is timed and its API calls counted by the emulator, against the minimum; beside it, in the same
/// run, a raw paginated ListResourceRecordSets of the same zone with the same client. Every phase is verified against
/// the emulator's zone; a wrong result or an unexpected call count aborts the benchmark.
/// </summary>
public static class Route53Benchmark
{
    private const string AccessKey = "AKIABENCHMARK0000001";
    private const string Secret = "benchmark/Route53+Secret00000000000000001";
    private const string Owner = "bench";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var count = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var runs = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var total = Stopwatch.StartNew();
        await Console.Error.WriteLineAsync("warm-up (200 records, not recorded)").ConfigureAwait(false);
        await RunOnceAsync(200, cancellationToken).ConfigureAwait(false);
        var results = new List<Result>();
        for (var run = 1; run <= runs; run++)
        {
            var result = await RunOnceAsync(count, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"run {run}/{runs}: initial {Ms(result.Initial.Elapsed)} ms, unchanged {Ms(result.Unchanged.Elapsed)} ms, 1% {Ms(result.OnePercent.Elapsed)} ms, raw list {Ms(result.RawList)} ms")).ConfigureAwait(false);
        }

        Report(output, count, runs, results, total.Elapsed);
        return 0;
    }

    private static async Task<Result> RunOnceAsync(int count, CancellationToken cancellationToken)
    {
        await using var emulator = await Route53Emulator.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        emulator.AddCredentials(AccessKey, Secret);
        var zone = emulator.CreateHostedZone("example.org");
        var env = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = Secret,
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };
        var options = new AwsProviderOptions
        {
            Endpoint = emulator.BaseAddress,
            ZonesCacheDuration = TimeSpan.FromHours(1),
            BatchChangeInterval = TimeSpan.Zero,
        };
        var http = new ProviderHttpFactory(new MetricRegistry(), TimeProvider.System, NullLoggerFactory.Instance);
        using var provider = AwsModule.CreateProvider(options, n => env.GetValueOrDefault(n), NullLoggerFactory.Instance, DomainFilter.All, http);
        var registry = new TxtRegistry(provider, new TxtRegistryOptions { OwnerId = Owner });

        var desired = Enumerable.Range(0, count).Select(i => Endpoint(i, 0)).ToList();
        var initial = await SyncAsync(registry, provider, desired, emulator, cancellationToken).ConfigureAwait(false);
        Check(emulator.RecordSets(zone.Id).Count == (2 * count) + 2, $"after the initial sync the zone holds {emulator.RecordSets(zone.Id).Count} record sets, expected {(2 * count) + 2}");

        var unchanged = await SyncAsync(registry, provider, desired, emulator, cancellationToken).ConfigureAwait(false);
        Check(unchanged.Writes == 0, $"an unchanged second run wrote {unchanged.Writes} batches");

        var changed = Math.Max(1, count / 100);
        for (var i = 0; i < changed; i++)
        {
            desired[i * 100 % count] = Endpoint(i * 100 % count, 1);
        }

        var onePercent = await SyncAsync(registry, provider, desired, emulator, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < changed; i++)
        {
            var n = i * 100 % count;
            Check(emulator.Find(zone.Id, $"bench-{n}.example.org", "A")!.Values[0] == Address(n, 1), $"bench-{n} was not updated");
        }

        Check(emulator.RecordSets(zone.Id).Count == (2 * count) + 2, "the 1% change altered the number of record sets");

        // Baseline: the same zone listed page by page with the same client class, no mapping, no planning.
        using var client = new Route53Client(
            new Route53ClientOptions { Endpoint = emulator.BaseAddress },
            () => new AwsCredentialSource(new BasicAWSCredentials(AccessKey, Secret), "benchmark"),
            http,
            NullLogger.Instance);
        var before = emulator.Calls.Count(Route53Emulator.ListResourceRecordSets);
        var raw = Stopwatch.StartNew();
        var sets = 0;
        RecordSetStart? start = null;
        do
        {
            var page = await client.ListResourceRecordSetsAsync(zone.Id, start, AwsProviderOptions.RecordSetPageSize, cancellationToken).ConfigureAwait(false);
            sets += page.RecordSets.Count;
            start = page.Next;
        }
        while (start is not null);
        raw.Stop();
        Check(sets == (2 * count) + 2, $"the raw list saw {sets} record sets");
        var rawPages = emulator.Calls.Count(Route53Emulator.ListResourceRecordSets) - before;

        // The provider's read alone (pages, XML, mapping to endpoints), without the registry and the planner.
        var read = Stopwatch.StartNew();
        var endpoints = await provider.RecordsAsync(cancellationToken).ConfigureAwait(false);
        read.Stop();
        Check(endpoints.Count == (2 * count) + 1, $"the provider read {endpoints.Count} endpoints");

        return new Result(initial, unchanged, onePercent, raw.Elapsed, read.Elapsed, rawPages, (2 * count) + 2, changed);
    }

    private static async Task<Phase> SyncAsync(TxtRegistry registry, AwsProvider provider, List<Endpoint> desired, Route53Emulator emulator, CancellationToken cancellationToken)
    {
        var calls = emulator.Calls.Snapshot();
        var batchesBefore = emulator.Calls.AppliedBatches.Count;
        var clock = Stopwatch.StartNew();
        var current = await registry.RecordsAsync(cancellationToken).ConfigureAwait(false);
        var adjusted = registry.AdjustEndpoints([.. desired.Select(e => e.Clone())]);
        var plan = Planner.Calculate(current, adjusted, new PlanOptions { OwnerId = Owner, DomainFilters = [provider.DomainFilter] });
        if (plan.Changes.HasChanges)
        {
            await registry.ApplyChangesAsync(plan.Changes, cancellationToken).ConfigureAwait(false);
        }

        clock.Stop();
        var after = emulator.Calls.Snapshot();
        int Delta(string op) => after.GetValueOrDefault(op) - calls.GetValueOrDefault(op);
        var batches = emulator.Calls.AppliedBatches.Skip(batchesBefore).ToList();
        var changes = batches.Sum(b => b.Changes.Count);
        var values = batches.Sum(b => b.Changes.Sum(c => c.RecordSet.Values.Count * (c.Action == "UPSERT" ? 2 : 1)));
        var bytes = batches.Sum(b => b.Changes.Sum(c => c.RecordSet.Values.Sum(v => Encoding.UTF8.GetByteCount(v)) * (c.Action == "UPSERT" ? 2 : 1)));
        return new Phase(clock.Elapsed, Delta(Route53Emulator.ListHostedZones), Delta(Route53Emulator.ListResourceRecordSets), Delta(Route53Emulator.ChangeResourceRecordSets), changes, values, bytes);
    }

    private static Endpoint Endpoint(int i, int generation) =>
        new Endpoint($"bench-{i}.example.org", RecordTypes.A, Address(i, generation)).WithLabel(Labels.ResourceKey, $"service/bench/svc-{i}");

    private static string Address(int i, int generation) =>
        string.Create(CultureInfo.InvariantCulture, $"10.{generation * 128 + ((i >> 16) & 127)}.{(i >> 8) & 255}.{i & 255}");

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Route53 benchmark check failed: " + message);
        }
    }

    private static void Report(TextWriter output, int count, int runs, List<Result> results, TimeSpan total)
    {
        var ci = CultureInfo.InvariantCulture;
        var sets = results[0].RecordSets;
        var pages = (sets + AwsProviderOptions.RecordSetPageSize - 1) / AwsProviderOptions.RecordSetPageSize;
        var text = new StringBuilder();
        text.Append(ci, $"## Route53 benchmark: {count:N0} A records + {count:N0} TXT ({sets:N0} record sets with SOA and NS), {runs} run(s)\n\n");
        text.Append(ci, $"Machine: {System.Environment.ProcessorCount} logical CPUs; .NET {System.Environment.Version}. Emulator in process, HTTP on 127.0.0.1, SigV4 verified on every call. `--aws-batch-change-interval=0s`, `--aws-zones-cache-duration=1h`, other flags at upstream defaults.\n\n");
        text.Append("| Phase | Wall time min | Wall time median | ListHostedZones | ListResourceRecordSets (min) | ChangeResourceRecordSets (min) | Changes / values / bytes written |\n");
        text.Append("|---|---:|---:|---:|---:|---:|---|\n");
        foreach (var (name, select) in new (string, Func<Result, Phase>)[] { ("initial sync (empty zone)", r => r.Initial), ("second run, nothing changed", r => r.Unchanged), ($"1 % changed ({results[0].Changed} records)", r => r.OnePercent) })
        {
            var phases = results.Select(select).ToList();
            var times = phases.Select(p => p.Elapsed).Order().ToList();
            var p0 = phases[0];
            var listMin = name.StartsWith("initial", StringComparison.Ordinal) ? 1 : pages;
            var writeMin = Math.Max(Math.Max(Ceil(p0.Changes, 1000), Ceil(p0.Values, 1000)), Ceil(p0.Bytes, 32000));
            text.Append(ci, $"| {name} | {Ms(times[0])} ms | {Ms(times[times.Count / 2])} ms | {p0.Zones} | {p0.Lists} ({listMin}) | {p0.Writes} ({writeMin}) | {p0.Changes:N0} / {p0.Values:N0} / {p0.Bytes:N0} |\n");
        }

        var rawTimes = results.Select(r => r.RawList).Order().ToList();
        var readTimes = results.Select(r => r.ProviderRead).Order().ToList();
        text.Append(ci, $"| provider `RecordsAsync` alone (zone list cached) | {Ms(readTimes[0])} ms | {Ms(readTimes[readTimes.Count / 2])} ms | 0 | {pages} ({pages}) | 0 | – |\n");
        text.Append(ci, $"| baseline: raw paginated list, same client | {Ms(rawTimes[0])} ms | {Ms(rawTimes[rawTimes.Count / 2])} ms | 0 | {results[0].RawPages} ({pages}) | 0 | – |\n");
        text.Append(ci, $"\nMinimums: list pages = ceil(record sets / 300); writes = max(ceil(changes / 1000), ceil(values / 1000), ceil(bytes / 32000)), values and bytes counting UPSERT twice; the zone list is listed once and then cached.\n");
        text.Append("\nEvery run (initial / unchanged / 1 % / provider read / raw list, ms):\n\n");
        foreach (var r in results)
        {
            text.Append(ci, $"- {Ms(r.Initial.Elapsed)} / {Ms(r.Unchanged.Elapsed)} / {Ms(r.OnePercent.Elapsed)} / {Ms(r.ProviderRead)} / {Ms(r.RawList)}\n");
        }

        text.Append(ci, $"\nTotal benchmark time (warm-up and verification included): {total.TotalSeconds:F1} s.\n");
        output.Write(text.ToString());
        output.Flush();
    }

    private static int Ceil(int n, int d) => (n + d - 1) / d;

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture);

    private sealed record Phase(TimeSpan Elapsed, int Zones, int Lists, int Writes, int Changes, int Values, int Bytes);

    private sealed record Result(Phase Initial, Phase Unchanged, Phase OnePercent, TimeSpan RawList, TimeSpan ProviderRead, int RawPages, int RecordSets, int Changed);
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using ExternalDns.Core.Controller;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Core.Providers.Modules;
using ExternalDns.Core.Registry;
using ExternalDns.Core.Sources;
using ExternalDns.Providers.Google;
using ExternalDns.Providers.Google.Api;
using ExternalDns.Providers.Google.Auth;
using ExternalDns.Testing.Google;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Benchmarks.Providers;

/// <summary>
/// <c>dotnet run -c Release --project tests/ExternalDns.Benchmarks -- google [RECORD_SETS [RUNS]]</c>: the Google provider
/// against the Cloud DNS emulator, through the real reconcile (TXT registry, planner, provider), with default provider
/// options (batch size 1000, 1 s between changes). Each run starts a fresh emulator with an empty zone and times three
/// reconciles: the initial sync (RECORD_SETS/2 names, each an A record and its ownership TXT), a reconcile with nothing
/// changed, and one with 1% of the record sets changed (1% of the names get a new address; each such update replaces
/// the A record and its TXT). Beside the unchanged reconcile, the same client lists the zone raw, page by page: the
/// floor for a reconcile that must read the zone. API calls are counted by the emulator, per operation, and compared
/// with the minimum; the zone content is verified after every reconcile.
/// </summary>
public static class GoogleBenchmark
{
    private const string Project = "bench-project";
    private const string ZoneName = "example-org";
    private const string Zone = "example.org";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var recordSets = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var runs = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var names = recordSets / 2;
        var changed = Math.Max(1, names / 100);
        var total = Stopwatch.StartNew();
        var results = new List<RunMeasurement>();

        await Console.Error.WriteLineAsync("warm-up (200 record sets, not recorded)").ConfigureAwait(false);
        await OneRunAsync(100, 1, cancellationToken).ConfigureAwait(false);
        for (var run = 1; run <= runs; run++)
        {
            var result = await OneRunAsync(names, changed, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"run {run}/{runs}: sync {Ms(result.Sync.Elapsed)} ms, raw list {Ms(result.RawList.Elapsed)} ms, provider read {Ms(result.Read.Elapsed)} ms, unchanged {Ms(result.Unchanged.Elapsed)} ms, 1% changed {Ms(result.Changed.Elapsed)} ms")).ConfigureAwait(false);
        }

        await output.WriteAsync(Report(recordSets, names, changed, runs, results, total.Elapsed).AsMemory(), cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private static async Task<RunMeasurement> OneRunAsync(int names, int changed, CancellationToken cancellationToken)
    {
        await using var emulator = await CloudDnsEmulator.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        using var account = emulator.CreateServiceAccount();
        var dir = Path.Combine(Path.GetTempPath(), "externaldns-google-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var keyFile = account.WriteTo(Path.Combine(dir, "key.json"));
            emulator.AddZone(Project, ZoneName, Zone + ".");
            var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["GOOGLE_APPLICATION_CREDENTIALS"] = keyFile, ["HOME"] = dir };
            var http = new ProviderHttpFactory(new MetricRegistry(), TimeProvider.System, NullLoggerFactory.Instance);
            var context = new ProviderContext
            {
                LoggerFactory = NullLoggerFactory.Instance,
                Time = TimeProvider.System,
                Environment = n => environment.GetValueOrDefault(n),
                DomainFilter = new DomainFilter([Zone]),
                Metrics = new MetricRegistry(),
                Http = http,
            };
            var options = new GoogleProviderOptions { Project = Project, ApiEndpoint = new Uri(emulator.ApiEndpoint) };
            var httpOptions = new ProviderHttpOptions { Provider = GoogleModule.MetricsName };
            using var provider = GoogleModule.Build(options, context, http, resetBudgetPerReconcile: true);
            var registry = new TxtRegistry(provider, new TxtRegistryOptions { OwnerId = "bench" });
            var source = new MutableSource(names);
            var reconciler = new Reconciler(source, registry, new ControllerOptions { Policy = Policy.Sync, DomainFilter = new DomainFilter([Zone]) },
                new ControllerMetrics(new MetricRegistry()), TimeProvider.System, NullLogger<Reconciler>.Instance);

            var sync = await PhaseAsync(emulator, async () => await reconciler.RunOnceAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            Verify(emulator, source, "after the initial sync");

            // The raw list: the same API client class and the same token source, a fresh instance so no cache helps it.
            using var metadata = new GoogleMetadataServer(context.Environment, () => new SocketsHttpHandler(), TimeSpan.FromSeconds(3));
            using var tokens = new GoogleAdcTokenSource(context.Environment, () => http.CreateHandler(httpOptions), metadata, NullLogger.Instance);
            using var raw = new CloudDnsApiClient(http.CreateHandler(httpOptions), true, options.ApiEndpoint, tokens, new CloudDnsRetryOptions(), TimeProvider.System, NullLogger.Instance);
            await tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            var rawCount = 0;
            var rawList = await PhaseAsync(emulator, async () =>
            {
                string? token = null;
                do
                {
                    var page = await raw.ListResourceRecordSetsAsync(Project, ZoneName, token, cancellationToken).ConfigureAwait(false);
                    rawCount += page.Rrsets.Count;
                    token = page.NextPageToken;
                }
                while (!string.IsNullOrEmpty(token));
                return (ReconcileOutcome?)null;
            }).ConfigureAwait(false);
            if (rawCount != (names * 2) + 2)
            {
                throw new InvalidOperationException($"raw list saw {rawCount} record sets, expected {(names * 2) + 2}");
            }

            var read = await PhaseAsync(emulator, async () =>
            {
                var records = await provider.RecordsAsync(cancellationToken).ConfigureAwait(false);
                if (records.Count != (names * 2) + 1)
                {
                    throw new InvalidOperationException($"provider read {records.Count} records, expected {(names * 2) + 1} (A, TXT and the apex NS)");
                }

                return (ReconcileOutcome?)null;
            }).ConfigureAwait(false);

            var unchanged = await PhaseAsync(emulator, async () => await reconciler.RunOnceAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            if (unchanged.Outcome!.Plan.Changes.HasChanges || unchanged.Calls.GetValueOrDefault(CloudDnsOperations.ChangesCreate) != 0)
            {
                throw new InvalidOperationException("the unchanged reconcile planned or wrote something");
            }

            source.Change(changed);
            var changedPhase = await PhaseAsync(emulator, async () => await reconciler.RunOnceAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            Verify(emulator, source, "after the 1% change");
            return new RunMeasurement(sync, unchanged, rawList, read, changedPhase);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<Phase> PhaseAsync(CloudDnsEmulator emulator, Func<Task<ReconcileOutcome?>> action)
    {
        emulator.ResetCounters();
        var watch = Stopwatch.StartNew();
        var outcome = await action().ConfigureAwait(false);
        watch.Stop();
        var calls = new[] { CloudDnsOperations.ManagedZonesList, CloudDnsOperations.ResourceRecordSetsList, CloudDnsOperations.ChangesCreate, CloudDnsOperations.ChangesGet, CloudDnsOperations.Token }
            .ToDictionary(o => o, emulator.Calls, StringComparer.Ordinal);
        return new Phase(watch.Elapsed, calls, outcome);
    }

    private static void Verify(CloudDnsEmulator emulator, MutableSource source, string when)
    {
        var records = emulator.Records(Project, ZoneName).Where(r => r.Type is "A" or "TXT").ToList();
        var a = records.Where(r => r.Type == "A").ToDictionary(r => r.Name.TrimEnd('.'), r => r.Rrdatas.Single(), StringComparer.Ordinal);
        var expected = source.Current;
        if (a.Count != expected.Count || records.Count != expected.Count * 2 || expected.Any(e => a.GetValueOrDefault(e.DnsName) != e.Targets.Single()))
        {
            throw new InvalidOperationException($"zone content wrong {when}: {a.Count} A, {records.Count - a.Count} TXT, expected {expected.Count} of each");
        }
    }

    private static string Report(int recordSets, int names, int changed, int runs, List<RunMeasurement> results, TimeSpan total)
    {
        var ci = CultureInfo.InvariantCulture;
        var pages = (int)Math.Ceiling(((names * 2) + 2) / 1000.0);
        var syncChanges = (int)Math.Ceiling(names * 2 / 1000.0);
        var changeOps = changed * 4;
        var text = new StringBuilder();
        text.Append(ci, $"## Google Cloud DNS (emulator): {recordSets:N0} record sets ({names:N0} names: A + ownership TXT), {runs} run(s)\n\n");
        text.Append(ci, $"Machine: {Environment.ProcessorCount} logical CPUs; .NET {Environment.Version}. Emulator page size 1000 (the server's choice; the provider sends no maxResults), changes pending until the first poll.\n\n");
        text.Append("| Reconcile | zones.list | rrsets.list pages | changes.create | changes.get | minimum (list + create) | wall min | wall median |\n");
        text.Append("|---|---:|---:|---:|---:|---|---:|---:|\n");
        Row("initial sync (empty zone)", r => r.Sync, $"1 + 1 + ceil({names * 2}/1000) = {2 + syncChanges}");
        Row("nothing changed", r => r.Unchanged, $"1 + {pages} + 0 = {1 + pages}");
        Row($"1% changed ({changed} names: {changeOps} record set operations)", r => r.Changed, $"1 + {pages} + ceil({changeOps}/1000) = {1 + pages + (int)Math.Ceiling(changeOps / 1000.0)}");
        Row("baseline: raw paginated list, same client", r => r.RawList, $"{pages} pages");
        Row("(split) provider RecordsAsync alone", r => r.Read, $"1 + {pages}");
        text.Append(ci, $"\nTotal benchmark time: {total.TotalSeconds:F1} s.\n");
        return text.ToString();

        void Row(string name, Func<RunMeasurement, Phase> select, string minimum)
        {
            var phases = results.Select(select).ToList();
            var calls = string.Join(" | ", new[] { CloudDnsOperations.ManagedZonesList, CloudDnsOperations.ResourceRecordSetsList, CloudDnsOperations.ChangesCreate, CloudDnsOperations.ChangesGet }
                .Select(o => string.Join("/", phases.Select(p => p.Calls[o]).Distinct())));
            var times = phases.Select(p => p.Elapsed).Order().ToList();
            var median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
            text.Append(ci, $"| {name} | {calls} | {minimum} | {Ms(times[0])} ms | {Ms(median)} ms |\n");
        }
    }

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture);

    private sealed record Phase(TimeSpan Elapsed, Dictionary<string, int> Calls, ReconcileOutcome? Outcome);

    private sealed record RunMeasurement(Phase Sync, Phase Unchanged, Phase RawList, Phase Read, Phase Changed);

    /// <summary>N services' worth of A endpoints; <see cref="Change"/> gives the first k a new address.</summary>
    private sealed class MutableSource : ISource
    {
        private readonly List<Endpoint> _endpoints;

        public MutableSource(int count)
        {
            _endpoints = [.. Enumerable.Range(0, count).Select(i => Endpoint(i, $"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}"))];
        }

        public string Name => "bench";

        public IReadOnlyList<Endpoint> Current => _endpoints;

        public void Change(int count)
        {
            for (var i = 0; i < count; i++)
            {
                _endpoints[i] = Endpoint(i, $"172.16.{(i >> 8) & 255}.{i & 255}");
            }
        }

        public Task<SourceResult> EndpointsAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new SourceResult([.. _endpoints.Select(e => e.Clone())]));

        private static Endpoint Endpoint(int i, string address)
        {
            var endpoint = new Endpoint(string.Create(CultureInfo.InvariantCulture, $"bench-{i}.{Zone}"), RecordTypes.A, address);
            endpoint.Labels[Labels.ResourceKey] = string.Create(CultureInfo.InvariantCulture, $"service/default/bench-{i}");
            return endpoint;
        }
    }
}

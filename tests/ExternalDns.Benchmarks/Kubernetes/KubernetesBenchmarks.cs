using System.Diagnostics;
using System.Globalization;
using System.Text;
using ExternalDns.Testing.Kubernetes;

namespace ExternalDns.Benchmarks.Kubernetes;

/// <summary>
/// <c>dotnet run -c Release --project tests/ExternalDns.Benchmarks -- kubernetes [options]</c>: memory and time to first
/// sync of the real <c>external-dns</c> process against the Kubernetes API emulator holding OBJECTS Services and OBJECTS
/// Ingresses (baseline: the same command against an empty emulator), then event-to-write latency of the in-process
/// controller, CHANGES changes on a cluster of LATENCY-OBJECTS Services and Ingresses and FULL-CHANGES on the OBJECTS
/// cluster (baseline: an idle reconcile at the same cluster size). Prints a Markdown report on stdout and progress on
/// stderr. A further row measures OBJECTS/2 HTTPRoutes + OBJECTS/2 Traefik IngressRoutes (<c>--route-objects N</c>, 5000)
/// with <c>--source=gateway-httproute --source=traefik-proxy</c>. Options: <c>--objects N</c> (10000), <c>--runs N</c> (2), <c>--latency-objects N</c> (1000),
/// <c>--changes N</c> (1000), <c>--full-changes N</c> (50; 0 skips), <c>--warm-up N</c> (20), <c>--idle-every N</c> (10),
/// <c>--dll PATH</c>, <c>--skip-memory</c>, <c>--skip-latency</c>, <c>--skip-sizes</c>, <c>--variant "LABEL=SPEC"</c> (a further
/// realistic row per variant: environment variables, flags, or <c>dll=PATH</c>), <c>--large N</c> (an N + N realistic row with
/// a timed second reconcile).
/// </summary>
public static class KubernetesBenchmarks
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var options = Options.Parse(args);
        var progress = Console.Error;
        var total = Stopwatch.StartNew();
        var report = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        var loadBefore = LoadAverage();
        var work = Directory.CreateTempSubdirectory("externaldns-k8s-bench-");
        try
        {
            report.Append(ci, $"## Kubernetes benchmark: {options.Objects:N0} Services + {options.Objects:N0} Ingresses\n\n");
            report.Append(ci, $"Machine: nproc {Environment.ProcessorCount}, {Cpu()}, {MemTotal()}; .NET {Environment.Version}; load average at start {loadBefore}.\n");
            report.Append(ci, $"Command: `dotnet run -c Release --project tests/ExternalDns.Benchmarks -- kubernetes {string.Join(' ', args)}`\n\n");

            await using var empty = await KubeApiServer.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await using var realistic = await KubeApiServer.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var load = Stopwatch.StartNew();
            ClusterObjects.Load(realistic, options.Objects, ObjectShape.Realistic);
            await progress.WriteLineAsync($"loaded {2 * options.Objects} realistic objects in {load.Elapsed.TotalSeconds:F1} s").ConfigureAwait(false);
            var emptyConfig = empty.WriteKubeconfig(Path.Combine(work.FullName, "empty.kubeconfig"));
            var realisticConfig = realistic.WriteKubeconfig(Path.Combine(work.FullName, "realistic.kubeconfig"));

            if (!options.SkipMemory)
            {
                await using var lean = await KubeApiServer.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                ClusterObjects.Load(lean, options.Objects, ObjectShape.Lean);
                var leanConfig = lean.WriteKubeconfig(Path.Combine(work.FullName, "lean.kubeconfig"));
                await using var routes = await KubeApiServer.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                ClusterObjects.LoadRoutes(routes, options.RouteObjects, ObjectShape.Realistic);
                var routesConfig = routes.WriteKubeconfig(Path.Combine(work.FullName, "routes.kubeconfig"));
                await using var largeServer = await KubeApiServer.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                string? largeConfig = null;
                if (options.Large > 0)
                {
                    load.Restart();
                    ClusterObjects.Load(largeServer, options.Large, ObjectShape.Realistic);
                    largeConfig = largeServer.WriteKubeconfig(Path.Combine(work.FullName, "large.kubeconfig"));
                    await progress.WriteLineAsync($"loaded {2 * options.Large} realistic objects in {load.Elapsed.TotalSeconds:F1} s").ConfigureAwait(false);
                }

                await MemoryAsync(options, report, progress, empty, realistic, lean, emptyConfig, realisticConfig, leanConfig, routesConfig, largeConfig, cancellationToken).ConfigureAwait(false);
            }

            if (!options.SkipLatency)
            {
                await using (var small = await KubeApiServer.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    ClusterObjects.Load(small, options.LatencyObjects, ObjectShape.Realistic);
                    var smallConfig = small.WriteKubeconfig(Path.Combine(work.FullName, "small.kubeconfig"));
                    await LatencyAsync(options.LatencyObjects, options.Changes, options.IdleEvery, options, report, progress, small, smallConfig, cancellationToken).ConfigureAwait(false);
                }

                if (options.FullChanges > 0)
                {
                    await LatencyAsync(options.Objects, options.FullChanges, Math.Max(1, options.IdleEvery / 2), options, report, progress, realistic, realisticConfig, cancellationToken).ConfigureAwait(false);
                }
            }

            report.Append(ci, $"\nLoad average at the end: {LoadAverage()}. Total benchmark time: {total.Elapsed.TotalSeconds:F1} s.\n");
            await output.WriteAsync(report.ToString().AsMemory(), cancellationToken).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task MemoryAsync(
        Options options, StringBuilder report, TextWriter progress, KubeApiServer empty, KubeApiServer realistic, KubeApiServer lean,
        string emptyConfig, string realisticConfig, string leanConfig, string routesConfig, string? largeConfig, CancellationToken cancellationToken)
    {
        var ci = CultureInfo.InvariantCulture;
        var dll = options.Dll ?? FindDll();
        var n = options.Objects;

        // Raw size of what the informers list: the full list JSON of each resource, one request without limit.
        var sizes = new List<(string Shape, long Services, long Ingresses)>();
        var footprints = new List<(string Name, long Bytes, long LastAppliedChars)>();
        foreach (var (name, server) in options.SkipSizes ? [] : new[] { ("realistic", realistic), ("lean", lean), ("empty", empty) })
        {
            using var http = server.CreateHttpClient();
            http.Timeout = TimeSpan.FromMinutes(5); // a 40 MiB list on a loaded machine
            var services = await http.GetByteArrayAsync(new Uri("/api/v1/services", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            var ingresses = await http.GetByteArrayAsync(new Uri("/apis/networking.k8s.io/v1/ingresses", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            sizes.Add((name, services.LongLength, ingresses.LongLength));
            if (name != "empty")
            {
                var (bytes, chars) = ModelFootprint.Measure(services, ingresses);
                footprints.Add((name, bytes, chars));
            }
        }

        var configs = new List<MemoryConfig>
        {
            new("empty emulator (baseline)", emptyConfig, [], 0),
            new($"{n:N0} + {n:N0} realistic objects", realisticConfig, [], 2 * n),
            new($"{n:N0} + {n:N0} lean objects (no last-applied-configuration, no managedFields)", leanConfig, [], 2 * n),
            new($"{n:N0} + {n:N0} realistic objects, client rate limit raised", realisticConfig, ["--kube-api-qps=1000", "--kube-api-burst=1000"], 2 * n),
            new($"{n:N0} + {n:N0} realistic objects, GC heap limit as in a 256 MiB container", realisticConfig, [], 2 * n)
            {
                // .NET sets the GC heap hard limit to 75 % of a container's memory limit; this sets it directly.
                Environment = new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0xC000000" },
            },
            new("empty emulator, `--source=gateway-httproute --source=traefik-proxy` (baseline of the next row)", emptyConfig, [], 0) { Sources = RouteSources },
            new($"{options.RouteObjects:N0} HTTPRoutes + {options.RouteObjects:N0} IngressRoutes realistic, `--source=gateway-httproute --source=traefik-proxy`", routesConfig, [], 2 * options.RouteObjects)
            {
                Sources = RouteSources,
            },
        };

        foreach (var (label, spec) in options.Variants)
        {
            var tokens = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var flags = tokens.Where(t => t.StartsWith("--", StringComparison.Ordinal)).ToList();
            var variantDll = tokens.FirstOrDefault(t => t.StartsWith("dll=", StringComparison.Ordinal))?[4..];
            var env = tokens.Where(t => !t.StartsWith("--", StringComparison.Ordinal) && !t.StartsWith("dll=", StringComparison.Ordinal))
                .Select(t => t.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
            MemoryConfig? baseline = null;
            if (variantDll is not null)
            {
                baseline = new MemoryConfig($"empty emulator (baseline), variant {label}", emptyConfig, flags, 0) { Dll = variantDll, Environment = env.Count > 0 ? env : null };
                configs.Add(baseline);
            }

            configs.Add(new MemoryConfig($"{n:N0} + {n:N0} realistic objects, variant {label}", realisticConfig, flags, 2 * n)
            {
                Dll = variantDll,
                Environment = env.Count > 0 ? env : null,
                Baseline = baseline,
            });
        }

        if (largeConfig is not null)
        {
            configs.Add(new MemoryConfig($"{options.Large:N0} + {options.Large:N0} realistic objects (large)", largeConfig, [], 2L * options.Large)
            {
                Timeout = TimeSpan.FromMinutes(10),
                SecondReconcile = true,
            });
        }

        if (options.Only is { } only)
        {
            // Keep the matching rows and the baselines they are compared with.
            configs.RemoveAll(c => c.ExpectedEndpoints > 0 && !c.Name.Contains(only, StringComparison.OrdinalIgnoreCase));
        }

        await progress.WriteLineAsync($"memory: warm-up start of {dll} (not recorded)").ConfigureAwait(false);
        _ = await FirstSyncBenchmark.RunAsync(dll, emptyConfig, [], null, cancellationToken).ConfigureAwait(false);
        for (var run = 1; run <= options.Runs; run++)
        {
            foreach (var config in configs)
            {
                FirstSyncResult result;
                try
                {
                    result = await FirstSyncBenchmark.RunAsync(dll, config.Kubeconfig, config.ExtraFlags, config.Environment, cancellationToken, config.Sources,
                        config.Dll, config.Timeout, config.SecondReconcile).ConfigureAwait(false);
                }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException && (config.Environment is not null || config.Dll is not null || config.Timeout is not null))
                {
                    // A heap limit may be too small (out of memory, or no sync within the timeout): a result, not a harness failure.
                    config.Failures.Add(e.Message.Split('\n')[0]);
                    await progress.WriteLineAsync($"memory run {run}/{options.Runs} {config.Name}: FAILED {e.Message}").ConfigureAwait(false);
                    continue;
                }

                if (result.SourceEndpoints != config.ExpectedEndpoints || result.PlannedCreates < config.ExpectedEndpoints)
                {
                    throw new InvalidOperationException($"{config.Name}: the first sync saw {result.SourceEndpoints} endpoints and planned {result.PlannedCreates} creates; expected {config.ExpectedEndpoints} endpoints");
                }

                config.Results.Add(result);
                await progress.WriteLineAsync(string.Create(ci,
                    $"memory run {run}/{options.Runs} {config.Name}: first sync {result.StartToSync.TotalMilliseconds:F0} ms, RSS {FirstSyncBenchmark.Mb(result.AtSync.VmRss)} MiB, HWM {FirstSyncBenchmark.Mb(result.AtSync.VmHwm)} MiB, settled RSS {FirstSyncBenchmark.Mb(result.Settled.VmRss)} MiB HWM {FirstSyncBenchmark.Mb(result.Settled.VmHwm)} MiB{(result.SecondReconcile is { } second ? $", second reconcile {second.TotalMilliseconds:F0} ms, then RSS {FirstSyncBenchmark.Mb(result.AfterSecond!.Value.VmRss)} MiB HWM {FirstSyncBenchmark.Mb(result.AfterSecond!.Value.VmHwm)} MiB" : "")}"))
                    .ConfigureAwait(false);
            }
        }

        report.Append("### 1. Memory and time to first sync (the `external-dns` process, black-box)\n\n");
        report.Append(ci, $"Command under test: `dotnet {dll} {string.Join(' ', FirstSyncBenchmark.Flags("KUBECONFIG", 0)).Replace("127.0.0.1:0", "127.0.0.1:PORT", StringComparison.Ordinal)}` (plus the extra flags shown), started by the harness; the emulator runs in the harness process.\n");
        report.Append(ci, $"{options.Runs} run(s) per row, rows interleaved, after one unrecorded warm-up start. Times from `Process.Start` to the first reconcile's start (`external_dns_controller_last_reconcile_timestamp_seconds`) and end (`external_dns_controller_last_sync_timestamp_seconds`); memory from `/proc/PID/status` when the harness saw the sync (polling every 20 ms) and {FirstSyncBenchmark.SettleTime.TotalSeconds:F0} s later.\n\n");
        report.Append("| Cluster | Start → first reconcile began | Start → first sync done | VmRSS at sync | VmHWM at sync | VmRSS settled | VmHWM settled | Endpoints | Planned creates | Plan printed |\n");
        report.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var config in configs)
        {
            foreach (var r in config.Results)
            {
                report.Append(ci, $"| {config.Label} | {r.StartToLoop.TotalMilliseconds:N0} ms | {r.StartToSync.TotalMilliseconds:N0} ms | {FirstSyncBenchmark.Mb(r.AtSync.VmRss)} MiB | {FirstSyncBenchmark.Mb(r.AtSync.VmHwm)} MiB | {FirstSyncBenchmark.Mb(r.Settled.VmRss)} MiB | {FirstSyncBenchmark.Mb(r.Settled.VmHwm)} MiB | {r.SourceEndpoints:N0} | {r.PlannedCreates:N0} | {r.StdoutBytes / 1024.0:N0} KiB |\n");
            }
        }

        foreach (var config in configs)
        {
            foreach (var failure in config.Failures)
            {
                report.Append(ci, $"| {config.Label} | failed: {failure} | | | | | | | | |\n");
            }
        }

        report.Append("\nMedians, and the difference to the empty-emulator baseline of the same run (with the same sources):\n\n");
        report.Append("| Cluster | first sync (median) | − baseline | VmHWM settled (median) | − baseline | VmRSS settled (median) | − baseline | per 1k objects |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var config in configs.Where(c => c.Results.Count > 0))
        {
            var baseline = config.Baseline ?? (config.ExpectedEndpoints == 0 && config.Dll is not null ? config : null)
                ?? configs.First(c => c.ExpectedEndpoints == 0 && c.Dll is null && ReferenceEquals(c.Sources, config.Sources));
            if (baseline.Results.Count == 0)
            {
                continue;
            }
            var sync = Median(config.Results.Select(r => r.StartToSync.TotalMilliseconds));
            var hwm = Median(config.Results.Select(r => (double)r.Settled.VmHwm));
            var rss = Median(config.Results.Select(r => (double)r.Settled.VmRss));
            report.Append(ci, $"| {config.Label} | {sync:N0} ms | {sync - Median(baseline.Results.Select(r => r.StartToSync.TotalMilliseconds)):N0} ms | {FirstSyncBenchmark.Mb((long)hwm)} MiB | {FirstSyncBenchmark.Mb((long)(hwm - Median(baseline.Results.Select(r => (double)r.Settled.VmHwm))))} MiB | {FirstSyncBenchmark.Mb((long)rss)} MiB | {FirstSyncBenchmark.Mb((long)(rss - Median(baseline.Results.Select(r => (double)r.Settled.VmRss))))} MiB | {(config.ExpectedEndpoints == 0 ? "–" : FirstSyncBenchmark.Mb((long)((rss - Median(baseline.Results.Select(r => (double)r.Settled.VmRss))) * 1000 / config.ExpectedEndpoints)) + " MiB")} |\n");
        }

        foreach (var config in configs.Where(c => c.Results.Any(r => r.SecondReconcile is not null)))
        {
            foreach (var r in config.Results.Where(r => r.SecondReconcile is not null))
            {
                report.Append(ci, $"\n{config.Label}: second reconcile (nothing changed in the cluster; dry run, so the same creates are planned and printed again) took {r.SecondReconcile!.Value.TotalMilliseconds:N0} ms; VmRSS after it {FirstSyncBenchmark.Mb(r.AfterSecond!.Value.VmRss)} MiB, VmHWM {FirstSyncBenchmark.Mb(r.AfterSecond!.Value.VmHwm)} MiB.\n");
            }
        }

        report.Append("\nRaw list JSON as served by the emulator (one `GET` without `limit`):\n\n| Objects | Services list | Ingresses list | per Service | per Ingress |\n|---|---:|---:|---:|---:|\n");
        foreach (var (shape, services, ingresses) in sizes)
        {
            var count = shape == "empty" ? 0 : n;
            report.Append(ci, $"| {shape} | {services / 1048576.0:F1} MiB | {ingresses / 1048576.0:F1} MiB | {(count == 0 ? "–" : (services / count).ToString("N0", ci) + " B")} | {(count == 0 ? "–" : (ingresses / count).ToString("N0", ci) + " B")} |\n");
        }

        report.Append("\nWhat the informer caches hold (in-process diagnostic: the list JSON streamed item by item into the same source-generated models, `GC.GetTotalMemory(true)` before and after):\n\n| Objects | decoded models | per object | of which last-applied-configuration strings |\n|---|---:|---:|---:|\n");
        foreach (var (name, bytes, chars) in footprints)
        {
            report.Append(ci, $"| {name} | {FirstSyncBenchmark.Mb(bytes)} MiB | {bytes / (2.0 * n):N0} B | {FirstSyncBenchmark.Mb(chars * 2)} MiB ({chars * 2 / (2.0 * n):N0} B per object) |\n");
        }
    }

    private static async Task LatencyAsync(
        int objects, int changes, int idleEvery, Options options, StringBuilder report, TextWriter progress, KubeApiServer server, string kubeconfig, CancellationToken cancellationToken)
    {
        var ci = CultureInfo.InvariantCulture;
        var result = await EventLatencyBenchmark.RunAsync(server, kubeconfig, objects, changes, options.WarmUp, idleEvery, progress, cancellationToken).ConfigureAwait(false);
        report.Append(ci, $"\n### 2. Event-to-write latency (in-process controller, {objects:N0} + {objects:N0} realistic objects)\n\n");
        report.Append(ci, $"Flags: `{string.Join(' ', EventLatencyBenchmark.Flags("KUBECONFIG"))}` (not dry run; provider = in-memory wrapped to timestamp `ApplyChangesAsync`).\n");
        report.Append(ci, $"Initial: informers synced in {result.InitialSync.TotalMilliseconds:N0} ms; the first reconcile (creating {result.InitialRecords:N0} A records and their TXT records) was done {result.InitialReconcile.TotalMilliseconds:N0} ms after start.\n");
        report.Append(ci, $"{changes:N0} changes (after {result.WarmUp} unrecorded), one at a time: a Service's status IP, written through the emulator, then wait for the provider write and the end of that pass. {result.Elapsed.TotalSeconds:F1} s in all.\n\n");
        report.Append(LatencyStats.Header).Append('\n');
        report.Append(LatencyStats.Of(result.ApiToInformer.ToList()).Row("API write → informer applied the watch event")).Append('\n');
        report.Append(LatencyStats.Of(result.ApiToApply.ToList()).Row("API write → `ApplyChangesAsync` entered")).Append('\n');
        report.Append(LatencyStats.Of(result.ApiToWritten.ToList()).Row("**API write → provider write done**")).Append('\n');
        report.Append(LatencyStats.Of(result.IdleReconcile.ToList()).Row($"baseline: `Reconciler.RunOnceAsync` with no change (after every {idleEvery}th change)")).Append('\n');
        report.Append(LatencyStats.Of(result.IdleSource.ToList()).Row("of which the source alone: `KubernetesSource.EndpointsAsync`")).Append('\n');
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string FindDll()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ExternalDns.sln")))
            {
                var built = Path.Combine(dir.FullName, "src", "ExternalDns", "bin", "Release", "net10.0", "external-dns.dll");
                if (File.Exists(built))
                {
                    return built;
                }

                break;
            }
        }

        throw new FileNotFoundException("src/ExternalDns/bin/Release/net10.0/external-dns.dll not found: build with -c Release, or pass --dll PATH");
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Cpu() => File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
        : "unknown CPU";

    private static string MemTotal() => File.Exists("/proc/meminfo")
        ? (File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?") + " RAM"
        : "unknown RAM";

    private static readonly string[] RouteSources = ["gateway-httproute", "traefik-proxy"];

    private sealed record MemoryConfig(string Name, string Kubeconfig, IReadOnlyList<string> ExtraFlags, long ExpectedEndpoints)
    {
        /// <summary>The sources (default: service and ingress).</summary>
        public IReadOnlyList<string>? Sources { get; init; }

        public IReadOnlyDictionary<string, string>? Environment { get; init; }

        /// <summary>Another build's external-dns.dll (a variant), or null for the one under test.</summary>
        public string? Dll { get; init; }

        /// <summary>The baseline row this row is compared with (null = the empty-emulator row with the same sources).</summary>
        public MemoryConfig? Baseline { get; init; }

        public TimeSpan? Timeout { get; init; }

        public bool SecondReconcile { get; init; }

        public List<FirstSyncResult> Results { get; } = [];

        public List<string> Failures { get; } = [];

        public string Label => Name
            + (ExtraFlags.Count > 0 ? " `" + string.Join(' ', ExtraFlags) + "`" : "")
            + (Environment is { Count: > 0 } env ? " `" + string.Join(' ', env.Select(p => p.Key + "=" + p.Value)) + "`" : "");
    }

    private sealed record Options(int Objects, int Runs, int LatencyObjects, int Changes, int FullChanges, int WarmUp, int IdleEvery, string? Dll, bool SkipMemory, bool SkipLatency)
    {
        /// <summary><c>--route-objects N</c> (5000): HTTPRoutes and IngressRoutes of the route row.</summary>
        public int RouteObjects { get; init; } = 5_000;

        /// <summary><c>--only TEXT</c>: only the memory rows whose name contains TEXT (and the baselines).</summary>
        public string? Only { get; init; }

        /// <summary>
        /// <c>--variant "LABEL=SPEC"</c> (repeatable): one more realistic row per variant, interleaved with the others.
        /// SPEC is space-separated: <c>--flag=value</c> tokens are extra flags, <c>dll=PATH</c> runs another build (it
        /// then gets its own empty-emulator baseline), anything else is an environment variable <c>KEY=VALUE</c>.
        /// </summary>
        public IReadOnlyList<(string Label, string Spec)> Variants { get; init; } = [];

        /// <summary><c>--large N</c> (0 = none): a row with N realistic Services + N realistic Ingresses on its own emulator,
        /// with a second reconcile timed (nothing changed in the cluster).</summary>
        public int Large { get; init; }

        /// <summary><c>--skip-sizes</c>: no raw list sizes and in-process model footprint.</summary>
        public bool SkipSizes { get; init; }

        public static Options Parse(IReadOnlyList<string> args)
        {
            int routeObjects = 5_000, large = 0;
            string? only = null;
            var variants = new List<(string, string)>();
            var skipSizes = false;
            int objects = 10_000, runs = 2, latencyObjects = 1000, changes = 1000, fullChanges = 50, warmUp = 20, idleEvery = 10;
            string? dll = null;
            bool skipMemory = false, skipLatency = false;
            for (var i = 0; i < args.Count; i++)
            {
                string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
                switch (args[i])
                {
                    case "--objects": objects = NextInt(); break;
                    case "--route-objects": routeObjects = NextInt(); break;
                    case "--only": only = Next(); break;
                    case "--large": large = NextInt(); break;
                    case "--skip-sizes": skipSizes = true; break;
                    case "--variant":
                        var variant = Next();
                        var eq = variant.IndexOf('=', StringComparison.Ordinal);
                        if (eq <= 0)
                        {
                            throw new ArgumentException("--variant needs LABEL=SPEC");
                        }

                        variants.Add((variant[..eq], variant[(eq + 1)..]));
                        break;
                    case "--runs": runs = NextInt(); break;
                    case "--changes": changes = NextInt(); break;
                    case "--latency-objects": latencyObjects = NextInt(); break;
                    case "--full-changes": fullChanges = NextInt(); break;
                    case "--warm-up": warmUp = NextInt(); break;
                    case "--idle-every": idleEvery = NextInt(); break;
                    case "--dll": dll = Next(); break;
                    case "--skip-memory": skipMemory = true; break;
                    case "--skip-latency": skipLatency = true; break;
                    default: throw new ArgumentException($"unknown option {args[i]} (options: --objects N --route-objects N --only TEXT --variant LABEL=SPEC --large N --skip-sizes --runs N --latency-objects N --changes N --full-changes N --warm-up N --idle-every N --dll PATH --skip-memory --skip-latency)");
                }
            }

            ArgumentOutOfRangeException.ThrowIfLessThan(objects, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(changes, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(latencyObjects, 1);
            ArgumentOutOfRangeException.ThrowIfNegative(fullChanges);
            ArgumentOutOfRangeException.ThrowIfLessThan(idleEvery, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(routeObjects, 1);
            return new Options(objects, runs, latencyObjects, changes, fullChanges, warmUp, idleEvery, dll, skipMemory, skipLatency) { RouteObjects = routeObjects, Only = only, Variants = variants, Large = large, SkipSizes = skipSizes };
        }
    }
}

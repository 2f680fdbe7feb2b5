using BenchmarkDotNet.Attributes;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Registry;

namespace ExternalDns.Benchmarks;

/// <summary>
/// Plan calculation through the TXT registry: the provider holds N A records, each with its ownership TXT record;
/// the sources want the same N records with 1% of them changed (new targets). Baseline: only building a dictionary of
/// the same records (provider records and desired endpoints) by key — the least any diff must do.
/// </summary>
[MemoryDiagnoser]
public class PlanBenchmarks
{
    private List<Endpoint> _providerRecords = [];
    private List<Endpoint> _desired = [];
    private TxtRegistry _registry = null!;
    private PlanOptions _options = null!;

    [Params(1_000, 10_000, 100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _providerRecords = new List<Endpoint>(2 * N);
        _desired = new List<Endpoint>(N);
        for (var i = 0; i < N; i++)
        {
            var name = $"svc-{i}.apps.example.org";
            var ip = $"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}";
            var resource = $"service/default/svc-{i}";
            _providerRecords.Add(new Endpoint(name, RecordTypes.A, 300, [ip]));
            _providerRecords.Add(new Endpoint($"a-{name}", RecordTypes.TXT, 300, [$"\"heritage=external-dns,external-dns/owner=bench,external-dns/resource={resource}\""]));

            var desiredIp = i % 100 == 0 ? $"192.0.{(i >> 8) & 255}.{i & 255}" : ip;
            var desired = new Endpoint(name, RecordTypes.A, 300, [desiredIp]);
            desired.Labels[Labels.ResourceKey] = resource;
            _desired.Add(desired);
        }

        _registry = new TxtRegistry(new StaticProvider(_providerRecords), new TxtRegistryOptions { OwnerId = "bench" });
        _options = new PlanOptions { OwnerId = "bench", Policy = Policy.Sync };

        // The benchmark measures a real plan: exactly the 1% changed records must come out as updates.
        var changes = PlanThroughRegistry().GetAwaiter().GetResult();
        var expected = (N + 99) / 100;
        if (changes != expected)
        {
            throw new InvalidOperationException($"expected {expected} updates, the plan has {changes} changes");
        }
    }

    /// <summary>
    /// Times the registry read and the planner separately, interleaved with the dictionary baseline, for
    /// <paramref name="rounds"/> rounds after a warm-up, and prints the medians and the ratio of the medians: on a shared,
    /// noisy machine the interleaving gives plan and baseline the same conditions (BenchmarkDotNet runs them minutes apart).
    /// </summary>
    public static void PrintSplit(int n, int rounds = 5)
    {
        var b = new PlanBenchmarks { N = n };
        b.Setup();
        var mapper = new TxtNameMapper(string.Empty, string.Empty, string.Empty);
        for (var round = 0; round < 3; round++)
        {
            Measure("ParsePlain", () => { foreach (var e in b._providerRecords) { if (e.RecordType == "TXT") { _ = Labels.ParsePlain(e.Targets[0]); } } });
            Measure("ToEndpointName", () => { foreach (var e in b._providerRecords) { if (e.RecordType == "TXT") { _ = mapper.ToEndpointName(e.DnsName); } } });
            Measure("ToTxtName+valid", () => { foreach (var e in b._providerRecords) { if (e.RecordType == "A") { _ = TxtNameMapper.HasValidLabels(mapper.ToTxtName(e.DnsName, e.RecordType)); } } });
        }

        var plans = new List<double>();
        var baselines = new List<double>();
        var ratios = new List<double>();
        var planCpus = new List<double>();
        var baselineCpus = new List<double>();
        // Small N: each sample repeats the work so that it lasts long enough to time (times are per pass).
        var reps = Math.Max(1, 100_000 / n);
        for (var round = -2; round < rounds; round++)
        {
            var registryTime = TimeSpan.Zero;
            var planTime = TimeSpan.Zero;
            long registryAlloc = 0;
            long planAlloc = 0;
            var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var cpu = ProcessCpuTime();
            for (var r = 0; r < reps; r++)
            {
                var sw = System.Diagnostics.Stopwatch.StartNew();
                var alloc = GC.GetAllocatedBytesForCurrentThread();
                var current = b._registry.RecordsAsync(CancellationToken.None).GetAwaiter().GetResult();
                registryTime += sw.Elapsed;
                registryAlloc += GC.GetAllocatedBytesForCurrentThread() - alloc;
                sw.Restart();
                alloc = GC.GetAllocatedBytesForCurrentThread();
                _ = Planner.Calculate(current, b._desired, b._options);
                planTime += sw.Elapsed;
                planAlloc += GC.GetAllocatedBytesForCurrentThread() - alloc;
            }

            var planCpu = (ProcessCpuTime() - cpu) / reps;
            var gcPlan = (GC.CollectionCount(0) - gcBefore.Item1, GC.CollectionCount(1) - gcBefore.Item2, GC.CollectionCount(2) - gcBefore.Item3);
            gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            cpu = ProcessCpuTime();
            var bw = System.Diagnostics.Stopwatch.StartNew();
            for (var r = 0; r < reps; r++)
            {
                b.DictionaryBaseline();
            }

            var baselineTime = bw.Elapsed / reps;
            var baselineCpu = (ProcessCpuTime() - cpu) / reps;
            var gcBaseline = (GC.CollectionCount(0) - gcBefore.Item1, GC.CollectionCount(1) - gcBefore.Item2, GC.CollectionCount(2) - gcBefore.Item3);
            registryTime /= reps;
            planTime /= reps;
            registryAlloc /= reps;
            planAlloc /= reps;
            Console.WriteLine($"registry {registryTime.TotalMilliseconds:F2} ms {registryAlloc / 1024} KB; planner {planTime.TotalMilliseconds:F2} ms {planAlloc / 1024} KB; baseline {baselineTime.TotalMilliseconds:F2} ms; " +
                $"process CPU plan {planCpu.TotalMilliseconds:F2} ms, baseline {baselineCpu.TotalMilliseconds:F2} ms; GCs gen0/1/2 plan {gcPlan.Item1}/{gcPlan.Item2}/{gcPlan.Item3}, baseline {gcBaseline.Item1}/{gcBaseline.Item2}/{gcBaseline.Item3} ({reps} passes)");
            if (round >= 0)
            {
                var plan = (registryTime + planTime).TotalMilliseconds;
                plans.Add(plan);
                baselines.Add(baselineTime.TotalMilliseconds);
                ratios.Add(plan / baselineTime.TotalMilliseconds);
                planCpus.Add(planCpu.TotalMilliseconds);
                baselineCpus.Add(baselineCpu.TotalMilliseconds);
            }
        }

        static double Median(List<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }

        Console.WriteLine($"N={n} rounds={rounds}: plan through registry median {Median(plans):F2} ms (min {plans.Min():F2}); " +
            $"baseline median {Median(baselines):F2} ms (min {baselines.Min():F2}); ratio of medians {Median(plans) / Median(baselines):F2}, " +
            $"ratio of minimums {plans.Min() / baselines.Min():F2}, per-round ratio p25/p50/p75 " +
            $"{ratios.Order().ElementAt(ratios.Count / 4):F2}/{Median(ratios):F2}/{ratios.Order().ElementAt(3 * ratios.Count / 4):F2}");
        Console.WriteLine($"N={n} rounds={rounds}: process CPU time (all threads, GC included; waiting for a core excluded) plan median {Median(planCpus):F2} ms, " +
            $"baseline median {Median(baselineCpus):F2} ms, ratio of medians {Median(planCpus) / Median(baselineCpus):F2}");
    }

    /// <summary>
    /// CPU time of the whole process (every thread, so background GC work counts) from clock_gettime: on a loaded
    /// machine it leaves out the time spent waiting for a core, which wall-clock times include.
    /// </summary>
    private static TimeSpan ProcessCpuTime()
    {
        if (!OperatingSystem.IsLinux())
        {
            return System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        }

        const int ClockProcessCpuTimeId = 2;
        _ = NativeMethods.ClockGetTime(ClockProcessCpuTimeId, out var ts);
        return TimeSpan.FromTicks((ts.Seconds * TimeSpan.TicksPerSecond) + (ts.Nanoseconds / 100));
    }

    private static void Measure(string what, Action action)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var alloc = GC.GetAllocatedBytesForCurrentThread();
        action();
        Console.WriteLine($"{what}: {sw.Elapsed.TotalMilliseconds:F1} ms {(GC.GetAllocatedBytesForCurrentThread() - alloc) / 1024 / 1024} MB");
    }

    [Benchmark(Baseline = true, Description = "baseline: dictionary of the records by key")]
    public int DictionaryBaseline()
    {
        var map = new Dictionary<EndpointKey, Endpoint>(_providerRecords.Count + _desired.Count);
        foreach (var e in _providerRecords)
        {
            map[e.Key] = e;
        }

        foreach (var e in _desired)
        {
            map[e.Key] = e;
        }

        return map.Count;
    }

    [Benchmark(Description = "plan through TXT registry")]
    public async Task<int> PlanThroughRegistry()
    {
        var current = await _registry.RecordsAsync(CancellationToken.None).ConfigureAwait(false);
        var result = Planner.Calculate(current, _desired, _options);
        return result.Changes.Count;
    }
}

internal static partial class NativeMethods
{
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    internal static extern int ClockGetTime(int clockId, out Timespec value);

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    internal struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}

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

    /// <summary>Times the registry read and the planner separately (10 rounds each, after a warm-up).</summary>
    public static void PrintSplit(int n)
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

        for (var round = 0; round < 5; round++)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var alloc = GC.GetAllocatedBytesForCurrentThread();
            var current = b._registry.RecordsAsync(CancellationToken.None).GetAwaiter().GetResult();
            var registryTime = sw.Elapsed;
            var registryAlloc = GC.GetAllocatedBytesForCurrentThread() - alloc;
            sw.Restart();
            alloc = GC.GetAllocatedBytesForCurrentThread();
            _ = Planner.Calculate(current, b._desired, b._options);
            var planTime = sw.Elapsed;
            var planAlloc = GC.GetAllocatedBytesForCurrentThread() - alloc;
            sw.Restart();
            b.DictionaryBaseline();
            Console.WriteLine($"registry {registryTime.TotalMilliseconds:F1} ms {registryAlloc / 1024 / 1024} MB; planner {planTime.TotalMilliseconds:F1} ms {planAlloc / 1024 / 1024} MB; baseline {sw.Elapsed.TotalMilliseconds:F1} ms");
        }
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

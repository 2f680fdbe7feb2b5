using BenchmarkDotNet.Running;
using ExternalDns.Benchmarks;
using ExternalDns.Benchmarks.Providers;

if (args.Length > 0 && args[0] == "split")
{
    // A quick, repeatable split of where plan time goes (registry vs planner), outside BenchmarkDotNet.
    PlanBenchmarks.PrintSplit(
        int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture),
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5);
    return;
}

if (args.Length > 0 && args[0] == "mapping")
{
    // One Kubernetes mapping pass: full re-map against incremental (one object changed), interleaved.
    ExternalDns.Benchmarks.Kubernetes.MappingPassBenchmark.Run(
        int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture),
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 9,
        Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "paging")
{
    // First sync of the live source at the default rate limit, per list page size: list requests and time.
    Environment.ExitCode = await ExternalDns.Benchmarks.Kubernetes.ListPagingBenchmark.RunAsync(args[1..], Console.Out, CancellationToken.None).ConfigureAwait(false);
    return;
}

if (args.Length > 0 && args[0] == "heap")
{
    // Where the settled managed heap of the Kubernetes controller goes, step by step, in-process.
    Environment.ExitCode = await ExternalDns.Benchmarks.Kubernetes.HeapBreakdown.RunAsync(args[1..], Console.Out, CancellationToken.None).ConfigureAwait(false);
    return;
}

if (args.Length > 0 && args[0] == "providers")
{
    // 10,000 creates then deletes through the RFC2136 and PowerDNS providers to real servers, beside baselines.
    Environment.ExitCode = await ProviderBenchmarks.RunAsync(args[1..], Console.Out, CancellationToken.None).ConfigureAwait(false);
    return;
}

if (args.Length > 0 && args[0] == "azure")
{
    // A 10,000-record-set Azure DNS zone synced, then nothing changed, then 1% changed, beside a raw paginated list.
    Environment.ExitCode = await AzureBenchmark.RunAsync(args[1..], Console.Out, CancellationToken.None).ConfigureAwait(false);
    return;
}

if (args.Length > 0 && args[0] == "google")
{
    // A 10,000-record-set Cloud DNS zone (emulator) synced, unchanged, then 1% changed: API calls against the minimum,
    // wall time beside a raw paginated list of the same zone with the same client.
    Environment.ExitCode = await GoogleBenchmark.RunAsync(args[1..], Console.Out, CancellationToken.None).ConfigureAwait(false);
    return;
}

if (args.Length > 0 && args[0] == "route53")
{
    // A 10,000-record zone (+TXT) synced through the AWS provider into the Route53 emulator, then unchanged, then 1 %
    // changed: API calls against the minimum and wall time beside a raw paginated list with the same client.
    Environment.ExitCode = await Route53Benchmark.RunAsync(args[1..], Console.Out, CancellationToken.None).ConfigureAwait(false);
    return;
}

if (args.Length > 0 && args[0] == "cloudflare")
{
    // The Cloudflare provider through full reconciles against the API emulator: calls vs the minimum, beside a raw list.
    Environment.ExitCode = await CloudflareBenchmark.RunAsync(args[1..], Console.Out, CancellationToken.None).ConfigureAwait(false);
    return;
}

if (args.Length > 0 && args[0] == "kubernetes")
{
    // Memory and time to first sync of the external-dns process at 10,000 Services + 10,000 Ingresses, and
    // event-to-write latency of the in-process controller, each beside a baseline measured in the same run.
    Environment.ExitCode = await ExternalDns.Benchmarks.Kubernetes.KubernetesBenchmarks.RunAsync(args[1..], Console.Out, CancellationToken.None).ConfigureAwait(false);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(PlanBenchmarks).Assembly).Run(args);

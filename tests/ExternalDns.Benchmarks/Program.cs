using BenchmarkDotNet.Running;
using ExternalDns.Benchmarks;
using ExternalDns.Benchmarks.Providers;

if (args.Length > 0 && args[0] == "split")
{
    // A quick, repeatable split of where plan time goes (registry vs planner), outside BenchmarkDotNet.
    PlanBenchmarks.PrintSplit(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args.Length > 0 && args[0] == "providers")
{
    // 10,000 creates then deletes through the RFC2136 and PowerDNS providers to real servers, beside baselines.
    Environment.ExitCode = await ProviderBenchmarks.RunAsync(args[1..], Console.Out, CancellationToken.None).ConfigureAwait(false);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(PlanBenchmarks).Assembly).Run(args);

using BenchmarkDotNet.Running;
using ExternalDns.Benchmarks;

if (args.Length > 0 && args[0] == "split")
{
    // A quick, repeatable split of where plan time goes (registry vs planner), outside BenchmarkDotNet.
    PlanBenchmarks.PrintSplit(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(PlanBenchmarks).Assembly).Run(args);

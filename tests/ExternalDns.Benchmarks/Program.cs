using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(ExternalDns.Benchmarks.PlanBenchmarks).Assembly).Run(args);

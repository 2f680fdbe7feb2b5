namespace ExternalDns.Benchmarks.Providers;

/// <summary>One run of a path: the create phase and the delete phase, each verified before the next starts.</summary>
internal sealed record RunResult(PhaseResult Create, PhaseResult Delete);

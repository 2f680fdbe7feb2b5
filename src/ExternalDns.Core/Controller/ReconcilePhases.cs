namespace ExternalDns.Core.Controller;

/// <summary>
/// Where the time of one pass went (for benchmarks and debugging): the source's view, the provider read (zero for an
/// incremental pass, which plans from the kept records), adjusting and planning, and the apply.
/// </summary>
public sealed record ReconcilePhases(TimeSpan Source, TimeSpan Records, TimeSpan Plan, TimeSpan Apply);

namespace ExternalDns.Benchmarks.Kubernetes;

/// <summary>Samples of the event-to-write benchmark, in milliseconds.</summary>
internal sealed record EventLatencyResult(
    IReadOnlyList<double> ApiToInformer,
    IReadOnlyList<double> ApiToApply,
    IReadOnlyList<double> ApiToWritten,
    IReadOnlyList<double> IdleReconcile,
    IReadOnlyList<double> IdleSource,
    TimeSpan InitialSync,
    TimeSpan InitialReconcile,
    int InitialRecords,
    int WarmUp,
    TimeSpan Elapsed);

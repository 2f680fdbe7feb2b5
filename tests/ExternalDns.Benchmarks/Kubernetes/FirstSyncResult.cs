namespace ExternalDns.Benchmarks.Kubernetes;

/// <summary>One start of the <c>external-dns</c> process, up to its first completed reconcile and a little after.</summary>
/// <param name="StartToLoop">Process start → the first reconcile began (external_dns_controller_last_reconcile_timestamp_seconds).</param>
/// <param name="StartToSync">Process start → the first reconcile completed (external_dns_controller_last_sync_timestamp_seconds).</param>
/// <param name="AtSync">VmRSS / VmHWM read as soon as the harness saw the completed reconcile.</param>
/// <param name="Settled">VmRSS / VmHWM a few seconds later (plan printed, caches idle).</param>
/// <param name="SourceEndpoints">external_dns_source_endpoints_total at the first sync.</param>
/// <param name="PlannedCreates">external_dns_controller_planned_changes_total{action="create"} at the first sync.</param>
/// <param name="StdoutBytes">Bytes the process printed on stdout (the dry-run plan) by the settled reading.</param>
internal sealed record FirstSyncResult(
    TimeSpan StartToLoop,
    TimeSpan StartToSync,
    ProcStatus AtSync,
    ProcStatus Settled,
    long SourceEndpoints,
    long PlannedCreates,
    long StdoutBytes)
{
    /// <summary>Duration of a second reconcile (nothing changed in the cluster), when the run asked for one.</summary>
    public TimeSpan? SecondReconcile { get; init; }

    /// <summary>VmRSS / VmHWM right after that second reconcile.</summary>
    public ProcStatus? AfterSecond { get; init; }
}

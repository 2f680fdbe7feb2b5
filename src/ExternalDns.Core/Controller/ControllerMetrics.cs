using ExternalDns.Core.Metrics;

namespace ExternalDns.Core.Controller;

/// <summary>The controller's metrics, with upstream's names, plus ExternalDns's own (marked below).</summary>
public sealed class ControllerMetrics
{
    /// <summary>Buckets of the duration histograms (seconds): 10 ms to 5 minutes.</summary>
    public static readonly IReadOnlyList<double> DurationBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    public ControllerMetrics(MetricRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        LastSync = registry.Gauge("external_dns_controller_last_sync_timestamp_seconds", "Timestamp of last successful sync with the DNS provider");
        LastReconcile = registry.Gauge("external_dns_controller_last_reconcile_timestamp_seconds", "Timestamp of last attempted sync with the DNS provider");
        NoOpRuns = registry.Counter("external_dns_controller_no_op_runs_total", "Number of reconcile loops ending up with no changes on the DNS provider side.");
        ConsecutiveSoftErrors = registry.Gauge("external_dns_controller_consecutive_soft_errors", "Number of consecutive soft errors in reconciliation loop.");
        VerifiedRecords = registry.Gauge("external_dns_controller_verified_records", "Number of DNS records that exists both in source and registry (vector).", "record_type");
        RegistryErrors = registry.Counter("external_dns_registry_errors_total", "Number of Registry errors.");
        SourceErrors = registry.Counter("external_dns_source_errors_total", "Number of Source errors.");
        RegistryEndpoints = registry.Gauge("external_dns_registry_endpoints_total", "Number of Endpoints in the registry");
        SourceEndpoints = registry.Gauge("external_dns_source_endpoints_total", "Number of Endpoints in all sources");
        RegistryRecords = registry.Gauge("external_dns_registry_records", "Number of registry records partitioned by label name (vector).", "record_type");
        SourceRecords = registry.Gauge("external_dns_source_records", "Number of source records partitioned by label name (vector).", "record_type");
        OwnerMismatch = registry.Gauge("external_dns_registry_skipped_records_owner_mismatch_per_sync", "Number of records skipped with owner mismatch for each record type, owner mismatch ID and domain (vector).", ["record_type", "owner", "foreign_owner", "domain"]);
        InvalidEndpoints = registry.Gauge("external_dns_source_invalid_endpoints", "Number of endpoints currently rejected due to invalid configuration, partitioned by record type and source.", ["record_type", "source_type"]);
        DeduplicatedEndpoints = registry.Gauge("external_dns_source_deduplicated_endpoints", "Number of endpoints currently removed as duplicates, partitioned by record type and source.", ["record_type", "source_type"]);

        // ExternalDns's own.
        Withheld = registry.Counter("external_dns_controller_withheld_changes_total", "Deletes and updates held back because the source view was incomplete or a resource could not be read (ExternalDns).", "reason");
        IncompleteRuns = registry.Counter("external_dns_controller_incomplete_source_runs_total", "Reconciles planned from an incomplete source view, with deletes withheld (ExternalDns).");
        FailedRuns = registry.Counter("external_dns_controller_failed_runs_total", "Reconciles that failed, by kind of failure (ExternalDns).", "kind");
        SkippedRuns = registry.Counter("external_dns_controller_skipped_runs_total", "Reconciles skipped without planning, by reason: the source's view was not trustworthy (ExternalDns).", "reason");
        PlannedChanges = registry.Counter("external_dns_controller_planned_changes_total", "Changes planned, by action (ExternalDns).", "action");
        ReconcileDuration = registry.Histogram(
            "external_dns_controller_reconcile_duration_seconds",
            "Duration of one reconcile (source, registry, plan and apply), by outcome: success, failed or skipped (ExternalDns).",
            DurationBuckets,
            ["outcome"]);
        EventToWrite = registry.Histogram(
            "external_dns_controller_event_to_write_seconds",
            "Time from the first watch event that triggered a reconcile (--events) to the end of the provider write it caused (ExternalDns).",
            DurationBuckets);
        Leader = registry.Gauge("external_dns_controller_leader", "1 while this replica may write to DNS: it holds the leader election Lease, or runs without --leader-elect; 0 while it stands by (ExternalDns).");
    }

    public MetricRegistry Registry { get; }

    public Metric LastSync { get; }

    public Metric LastReconcile { get; }

    public Metric NoOpRuns { get; }

    public Metric ConsecutiveSoftErrors { get; }

    public Metric VerifiedRecords { get; }

    public Metric RegistryErrors { get; }

    public Metric SourceErrors { get; }

    public Metric RegistryEndpoints { get; }

    public Metric SourceEndpoints { get; }

    public Metric RegistryRecords { get; }

    public Metric SourceRecords { get; }

    public Metric OwnerMismatch { get; }

    public Metric Withheld { get; }

    public Metric IncompleteRuns { get; }

    public Metric FailedRuns { get; }

    public Metric PlannedChanges { get; }

    public Metric SkippedRuns { get; }

    /// <summary>Upstream's gauge: endpoints dropped because their data does not fit their type, by record_type and source_type.</summary>
    public Metric InvalidEndpoints { get; }

    /// <summary>Upstream's gauge: endpoints dropped as duplicates, by record_type and source_type.</summary>
    public Metric DeduplicatedEndpoints { get; }

    /// <summary>ExternalDns: reconcile duration by outcome.</summary>
    public Histogram ReconcileDuration { get; }

    /// <summary>ExternalDns: watch event to provider write.</summary>
    public Histogram EventToWrite { get; }

    /// <summary>ExternalDns: 1 when this replica writes (leader or no election), 0 on standby.</summary>
    public Metric Leader { get; }
}

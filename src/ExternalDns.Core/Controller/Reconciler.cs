using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Core.Registry;
using ExternalDns.Core.Sources;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Core.Controller;

/// <summary>
/// One reconcile pass (upstream's <c>Controller.RunOnce</c>): current records from the registry, desired endpoints from
/// the source, a plan, and — unless this is a dry run — the changes applied. Dry run is decided here and only here:
/// in dry-run mode no write method of any registry or provider is ever called.
/// </summary>
public sealed partial class Reconciler
{
    private readonly ISource _source;
    private readonly IRegistry _registry;
    private readonly ControllerOptions _options;
    private readonly ControllerMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public Reconciler(ISource source, IRegistry registry, ControllerOptions options, ControllerMetrics metrics, TimeProvider time, ILogger<Reconciler> logger)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public ControllerOptions Options => _options;

    /// <summary>The providers' shared HTTP retry budget, renewed at the start of every reconcile (a dead API then fails one run in bounded time).</summary>
    public RetryBudget? RetryBudget { get; init; }

    /// <summary>
    /// Raised when the registry refuses or fails to apply a plan (before the exception propagates): the changes that were
    /// sent, some of which may have landed. Upstream's <c>RecordError</c> Events come from here.
    /// </summary>
    public event Action<Changes, Exception>? ApplyFailed;

    public async Task<ReconcileOutcome> RunOnceAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var outcome = "failed";
        try
        {
            var result = await RunCoreAsync(cancellationToken).ConfigureAwait(false);
            outcome = result.Skipped ? "skipped" : "success";
            return result;
        }
        finally
        {
            _metrics.ReconcileDuration.WithLabels(outcome).Observe(_time.GetElapsedTime(started).TotalSeconds);
        }
    }

    private async Task<ReconcileOutcome> RunCoreAsync(CancellationToken cancellationToken)
    {
        RetryBudget?.Reset();
        _metrics.LastReconcile.Set(_time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);

        SourceResult desired;
        try
        {
            desired = await _source.EndpointsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _metrics.SourceErrors.Inc();
            throw;
        }

        if (!desired.IsReady)
        {
            _metrics.SkippedRuns.Inc("source-not-ready");
            LogSkipped(_logger, desired.IncompleteReason ?? "unknown");
            return new ReconcileOutcome
            {
                Plan = new PlanResult { Changes = new Changes() },
                Desired = desired,
                CurrentRecordCount = 0,
                Applied = false,
                DryRun = _options.DryRun,
                OwnerId = _registry.OwnerId,
                Policy = _options.Policy,
                Skipped = true,
            };
        }

        IReadOnlyList<Endpoint> current;
        try
        {
            current = await _registry.RecordsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _metrics.RegistryErrors.Inc();
            throw;
        }

        _metrics.RegistryEndpoints.Set(current.Count);
        CountByType(current, _metrics.RegistryRecords);

        _metrics.SourceEndpoints.Set(desired.Endpoints.Count);
        SetTally(_metrics.InvalidEndpoints, desired.InvalidEndpoints);
        SetTally(_metrics.DeduplicatedEndpoints, desired.DeduplicatedEndpoints);
        CountByType(desired.Endpoints, _metrics.SourceRecords);
        if (!desired.IsComplete)
        {
            _metrics.IncompleteRuns.Inc();
            LogIncomplete(_logger, desired.IncompleteReason ?? "unknown");
        }

        var adjusted = await _registry.AdjustEndpointsAsync(desired.Endpoints, cancellationToken).ConfigureAwait(false);
        var view = ReferenceEquals(adjusted, desired.Endpoints)
            ? desired
            : new SourceResult(adjusted, desired.IsComplete, desired.UnresolvedResources, desired.IncompleteReason) 
            {
                UnresolvedKinds = desired.UnresolvedKinds,
                InvalidEndpoints = desired.InvalidEndpoints,
                DeduplicatedEndpoints = desired.DeduplicatedEndpoints,
            };

        var plan = Planner.Calculate(current, view, new PlanOptions
        {
            Policy = _options.Policy,
            DomainFilters = [_options.DomainFilter, _registry.DomainFilter],
            ManagedRecordTypes = _options.ManagedRecordTypes,
            ExcludeRecordTypes = _options.ExcludeRecordTypes,
            OwnerId = _registry.OwnerId,
            OldOwnerId = _options.OldOwnerId,
        });

        Report(plan);
        var changes = plan.Changes;
        var applied = false;
        if (!changes.HasChanges)
        {
            _metrics.NoOpRuns.Inc();
            LogUpToDate(_logger);
        }
        else if (_options.DryRun)
        {
            LogDryRun(_logger, changes.Create.Count, changes.UpdateNew.Count, changes.Delete.Count);
        }
        else
        {
            LogChanges(changes);
            try
            {
                await _registry.ApplyChangesAsync(changes, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _metrics.RegistryErrors.Inc();
                ApplyFailed?.Invoke(changes, ex);
                throw;
            }

            applied = true;
        }

        _metrics.LastSync.Set(_time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
        return new ReconcileOutcome
        {
            Plan = plan,
            Desired = view,
            CurrentRecordCount = current.Count,
            Applied = applied,
            DryRun = _options.DryRun,
            OwnerId = _registry.OwnerId,
            Policy = _options.Policy,
        };
    }

    private static void CountByType(IReadOnlyList<Endpoint> endpoints, Metrics.Metric metric)
    {
        metric.Reset();
        foreach (var e in endpoints)
        {
            metric.Inc(e.RecordType);
        }
    }

    private static void SetTally(Metrics.Metric metric, EndpointTally tally)
    {
        metric.Reset();
        foreach (var ((recordType, sourceType), count) in tally.Counts)
        {
            metric.WithLabels(recordType, sourceType).Set(count);
        }
    }

    /// <summary>Upstream's <c>GetNakedDomain</c>: the name without its first label, unless that leaves a single label.</summary>
    public static string NakedDomain(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 || !name.AsSpan(dot + 1).Contains('.') ? name : name[(dot + 1)..];
    }

    private void Report(PlanResult plan)
    {
        _metrics.OwnerMismatch.Reset();
        foreach (var mismatch in plan.OwnerMismatches)
        {
            // Upstream's labels: the record type, this instance's owner id, the owner of the record in the way and the
            // record's parent domain (not the full name, to bound the number of series).
            _metrics.OwnerMismatch.WithLabels(mismatch.Current.RecordType, _registry.OwnerId, mismatch.CurrentOwner, NakedDomain(mismatch.Current.DnsName)).Inc();
            LogOwnerMismatch(_logger, mismatch.Desired.DnsName, mismatch.Desired.RecordType, mismatch.CurrentOwner.Length == 0 ? "(none)" : mismatch.CurrentOwner, _registry.OwnerId);
        }

        foreach (var withheld in plan.Withheld)
        {
            _metrics.Withheld.Inc(withheld.Reason.ToString());
            LogWithheld(_logger, withheld.Action, withheld.Record.DnsName, withheld.Record.RecordType, withheld.Reason, withheld.Record.Labels.Resource ?? "(none)");
        }

        foreach (var name in plan.DiscardedCnameConflicts)
        {
            LogCnameConflict(_logger, name);
        }

        _metrics.PlannedChanges.Inc("create", plan.Changes.Create.Count);
        _metrics.PlannedChanges.Inc("update", plan.Changes.UpdateNew.Count);
        _metrics.PlannedChanges.Inc("delete", plan.Changes.Delete.Count);
    }

    private void LogChanges(Changes changes)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        foreach (var e in changes.Create)
        {
            LogChange(_logger, "CREATE", e.DnsName, e.RecordType, e.Targets);
        }

        foreach (var e in changes.UpdateNew)
        {
            LogChange(_logger, "UPDATE", e.DnsName, e.RecordType, e.Targets);
        }

        foreach (var e in changes.Delete)
        {
            LogChange(_logger, "DELETE", e.DnsName, e.RecordType, e.Targets);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipping this reconcile, nothing is planned or written: the source is not ready ({Reason})")]
    private static partial void LogSkipped(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "All records are already up to date")]
    private static partial void LogUpToDate(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dry run: {Create} to create, {Update} to update, {Delete} to delete; nothing applied")]
    private static partial void LogDryRun(ILogger logger, int create, int update, int delete);

    [LoggerMessage(Level = LogLevel.Information, Message = "Desired change: {Action} {Name} {Type} {Targets}")]
    private static partial void LogChange(ILogger logger, string action, string name, string type, Endpoints.Targets targets);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The desired state is incomplete ({Reason}): records will be created and updated, but none deleted")]
    private static partial void LogIncomplete(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not creating {Name} {Type}: the name is held by a record owned by {CurrentOwner}, not by {OwnerId}")]
    private static partial void LogOwnerMismatch(ILogger logger, string name, string type, string currentOwner, string ownerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Withheld {Action} of {Name} {Type} ({Reason}; resource {Resource})")]
    private static partial void LogWithheld(ILogger logger, string action, string name, string type, WithheldReason reason, string resource);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Domain {Name} has conflicting record type candidates; discarding the CNAME")]
    private static partial void LogCnameConflict(ILogger logger, string name);
}

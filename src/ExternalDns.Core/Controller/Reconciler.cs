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
    private PlanState? _state;
    private long _passStarted;
    private long _sourceDone;
    private long _recordsDone;

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

    /// <summary>A full pass: the provider's records are read and every name is planned.</summary>
    public Task<ReconcileOutcome> RunOnceAsync(CancellationToken cancellationToken) => RunOnceAsync(eventDriven: false, cancellationToken);

    /// <summary>
    /// One pass. With <paramref name="eventDriven"/> (a pass a watch event asked for, not an <c>--interval</c> tick) and
    /// <see cref="ControllerOptions.IncrementalEventPasses"/>, the pass may plan incrementally: instead of re-reading the
    /// provider it uses the records of the last full read kept up to date with what this controller applied since, and
    /// plans only the names whose desired endpoints changed (or whose records the last apply changed); every other name
    /// keeps what the last plan found. That plan equals the full plan over the same records. A pass is full instead when
    /// there is no such state (the first pass, dry run, after any failed or cancelled pass), when the last full read is
    /// <c>--interval</c> old or older, or when a view-wide input changed (completeness, unresolved resources or kinds).
    /// </summary>
    public async Task<ReconcileOutcome> RunOnceAsync(bool eventDriven, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var outcome = "failed";
        try
        {
            var result = await RunCoreAsync(eventDriven, cancellationToken).ConfigureAwait(false);
            outcome = result.Skipped ? "skipped" : "success";
            return result;
        }
        catch
        {
            // What landed is unknown now: the next pass reads the provider again.
            _state = null;
            throw;
        }
        finally
        {
            _metrics.ReconcileDuration.WithLabels(outcome).Observe(_time.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>True when the last pass planned incrementally (for tests and benchmarks).</summary>
    public bool LastPassIncremental { get; private set; }

    /// <summary>Names the last incremental pass planned (0 after a full pass).</summary>
    public int LastPlannedNames { get; private set; }

    /// <summary>Where the time of the last pass that got past the source went.</summary>
    public ReconcilePhases? LastPhases { get; private set; }

    private async Task<ReconcileOutcome> RunCoreAsync(bool eventDriven, CancellationToken cancellationToken)
    {
        LastPassIncremental = false;
        LastPlannedNames = 0;
        _passStarted = _time.GetTimestamp();
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

        var readAt = _time.GetUtcNow();
        _sourceDone = _time.GetTimestamp();
        _recordsDone = _sourceDone;
        if (eventDriven && _options.IncrementalEventPasses && !_options.DryRun && _state is { } state
            && readAt - state.ReadAt < _options.Interval && state.SameViewInputs(desired))
        {
            return await RunIncrementalAsync(state, desired, cancellationToken).ConfigureAwait(false);
        }

        _state = null;
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

        _recordsDone = _time.GetTimestamp();
        _metrics.RegistryEndpoints.Set(current.Count);
        CountByType(current, _metrics.RegistryRecords);

        var view = await AdjustedViewAsync(desired, desired.Endpoints, cancellationToken).ConfigureAwait(false);

        var plan = Planner.Calculate(current, view, PlanOptions());
        var next = _options.IncrementalEventPasses && !_options.DryRun ? PlanState.FromFullPass(_registry.OwnerId.Length > 0, readAt, current, desired, plan) : null;
        return await FinishAsync(plan, view, current.Count, next, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reports the desired state's metrics and lets the registry adjust <paramref name="planned"/> (all of the desired
    /// endpoints, or an incremental pass's dirty names): the view both kinds of pass plan from. The registry and the provider
    /// get copies, which they may change: the source's endpoints are read-only (see <see cref="SourceResult.Endpoints"/>).
    /// </summary>
    private async Task<SourceResult> AdjustedViewAsync(SourceResult desired, IReadOnlyList<Endpoint> planned, CancellationToken cancellationToken)
    {
        _metrics.SourceEndpoints.Set(desired.Endpoints.Count);
        SetTally(_metrics.InvalidEndpoints, desired.InvalidEndpoints);
        SetTally(_metrics.DeduplicatedEndpoints, desired.DeduplicatedEndpoints);
        CountByType(desired.Endpoints, _metrics.SourceRecords);
        if (!desired.IsComplete)
        {
            _metrics.IncompleteRuns.Inc();
            LogIncomplete(_logger, desired.IncompleteReason ?? "unknown");
        }

        var copies = new Endpoint[planned.Count];
        for (var i = 0; i < copies.Length; i++)
        {
            copies[i] = planned[i].Clone();
        }

        var adjusted = await _registry.AdjustEndpointsAsync(copies, cancellationToken).ConfigureAwait(false);
        return desired.WithEndpoints(adjusted);
    }

    private PlanOptions PlanOptions() => new()
    {
        Policy = _options.Policy,
        DomainFilters = [_options.DomainFilter, _registry.DomainFilter],
        ManagedRecordTypes = _options.ManagedRecordTypes,
        ExcludeRecordTypes = _options.ExcludeRecordTypes,
        OwnerId = _registry.OwnerId,
        OldOwnerId = _options.OldOwnerId,
    };

    /// <summary>The event-driven pass over the kept records: plans only the names whose inputs changed (see <see cref="PlanState"/>).</summary>
    private async Task<ReconcileOutcome> RunIncrementalAsync(PlanState state, SourceResult desired, CancellationToken cancellationToken)
    {
        LastPassIncremental = true;
        _metrics.RegistryEndpoints.Set(state.CurrentCount);
        _metrics.RegistryRecords.Reset();
        foreach (var (type, count) in state.CurrentByType)
        {
            _metrics.RegistryRecords.Inc(type, count);
        }

        // Which names changed is decided on the source's endpoints, before the registry and the provider adjust them: an
        // unchanged endpoint is mostly the very instance of the last pass (compared by reference), and only the dirty
        // names' endpoints are copied and adjusted. This needs the provider to adjust each endpoint on its own, which the
        // modules that allow incremental passes do (see IProviderModule.WritesAreConditional).
        var endpoints = desired.Endpoints;
        var names = new string[endpoints.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = DnsNames.Normalize(endpoints[i].DnsName);
        }

        var dirty = state.DirtyNames(endpoints, names);
        LastPlannedNames = dirty.Count;
        var subset = new List<Endpoint>();
        if (dirty.Count > 0)
        {
            for (var i = 0; i < names.Length; i++)
            {
                if (dirty.Contains(names[i]))
                {
                    subset.Add(endpoints[i]);
                }
            }
        }

        var partialView = await AdjustedViewAsync(desired, subset, cancellationToken).ConfigureAwait(false);
        var partial = dirty.Count == 0
            ? new PlanResult { Changes = new Changes() }
            : Planner.Calculate(state.CurrentOf(dirty), partialView, PlanOptions());
        var plan = state.Combine(partial, dirty);
        state.Planned(endpoints, names, plan);
        return await FinishAsync(plan, desired, state.CurrentCount, state, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reports and (unless dry run) applies the plan; on success <paramref name="next"/> becomes the state event-driven passes plan from.</summary>
    private async Task<ReconcileOutcome> FinishAsync(PlanResult plan, SourceResult view, int currentCount, PlanState? next, CancellationToken cancellationToken)
    {
        Report(plan);
        var planned = _time.GetTimestamp();
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
            next?.Applied(changes);
        }

        _state = next;
        LastPhases = new ReconcilePhases(
            _time.GetElapsedTime(_passStarted, _sourceDone),
            _time.GetElapsedTime(_sourceDone, _recordsDone),
            _time.GetElapsedTime(_recordsDone, planned),
            _time.GetElapsedTime(planned));
        _metrics.LastSync.Set(_time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
        return new ReconcileOutcome
        {
            Plan = plan,
            Desired = view,
            CurrentRecordCount = currentCount,
            Applied = applied,
            DryRun = _options.DryRun,
            OwnerId = _registry.OwnerId,
            Policy = _options.Policy,
        };
    }

    private static void CountByType(IReadOnlyList<Endpoint> endpoints, Metrics.Metric metric)
    {
        // Counted first, then one metric update per type (not one label lookup per endpoint).
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in endpoints)
        {
            ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, e.RecordType, out _);
            count++;
        }

        metric.Reset();
        foreach (var (type, count) in counts)
        {
            metric.Inc(type, count);
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

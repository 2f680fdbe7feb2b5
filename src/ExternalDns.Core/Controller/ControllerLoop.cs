using ExternalDns.Core.Providers;
using ExternalDns.Core.Registry;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Core.Controller;

/// <summary>
/// Runs <see cref="Reconciler"/> on <c>--interval</c>, and sooner when <see cref="RequestReconcile"/> is called (watch
/// events): a burst of requests coalesces into one reconcile, no sooner than <c>--min-event-sync-interval</c> after the
/// previous one, and a continuous stream of requests never postpones a due reconcile (unlike upstream ED#2186).
/// Transient provider errors and any other failure of one pass are logged, counted and retried with backoff; only a
/// configuration error stops the loop (it is rethrown).
/// </summary>
public sealed partial class ControllerLoop : IDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(10);

    private readonly Reconciler _reconciler;
    private readonly ControllerMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly Lock _eventLock = new();
    private int _eventPending;
    private long? _firstEventAt; // TimeProvider timestamp of the oldest event not yet served by a successful pass

    public ControllerLoop(Reconciler reconciler, ControllerMetrics metrics, TimeProvider time, ILogger<ControllerLoop> logger)
    {
        _reconciler = reconciler ?? throw new ArgumentNullException(nameof(reconciler));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Raised after every successful pass (for plan printing, events, tests).</summary>
    public event Action<ReconcileOutcome>? Reconciled;

    /// <summary>Awaited after every successful pass (status write-back, events); its failures are logged, never fatal.</summary>
    public Func<ReconcileOutcome, CancellationToken, Task>? AfterReconcile { get; set; }

    /// <summary>Number of passes run (successful or not).</summary>
    public int Runs { get; private set; }

    /// <summary>Asks for a reconcile soon (a watch event). Cheap and thread-safe; bursts coalesce.</summary>
    public void RequestReconcile()
    {
        lock (_eventLock)
        {
            _firstEventAt ??= _time.GetTimestamp();
        }

        Interlocked.Exchange(ref _eventPending, 1);
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // A wake-up is already pending; the loop will see _eventPending.
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var options = _reconciler.Options;
        var nextRunAt = _time.GetUtcNow();
        var lastRunAt = DateTimeOffset.MinValue;
        var consecutiveFailures = 0;

        while (!cancellationToken.IsCancellationRequested)
        {
            var now = _time.GetUtcNow();
            var due = nextRunAt;
            var byEvent = false;
            if (Volatile.Read(ref _eventPending) == 1)
            {
                var earliest = lastRunAt == DateTimeOffset.MinValue ? now : lastRunAt + options.MinEventSyncInterval;
                var eventDue = earliest > now ? earliest : now;
                if (eventDue < due)
                {
                    due = eventDue;
                    byEvent = true;
                }
            }

            if (due > now)
            {
                await WaitAsync(due - now, cancellationToken).ConfigureAwait(false);
                continue;
            }

            Interlocked.Exchange(ref _eventPending, 0);
            lastRunAt = now;
            Runs++;
            var delay = options.Interval;
            long? eventAt;
            lock (_eventLock)
            {
                eventAt = _firstEventAt;
                _firstEventAt = null;
            }

            var served = false;
            try
            {
                served = await PassAsync(byEvent, eventAt, cancellationToken).ConfigureAwait(false);
                consecutiveFailures = 0;
                _metrics.ConsecutiveSoftErrors.Set(0);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (IsConfigurationError(ex))
            {
                _metrics.FailedRuns.Inc("configuration");
                throw;
            }
            catch (ProviderTransientException ex)
            {
                consecutiveFailures++;
                _metrics.ConsecutiveSoftErrors.Set(consecutiveFailures);
                _metrics.FailedRuns.Inc("transient");
                delay = Backoff(options.Interval, consecutiveFailures);
                LogTransient(_logger, ex.Message, delay);
            }
            catch (Exception ex)
            {
                consecutiveFailures++;
                _metrics.FailedRuns.Inc("error");
                delay = Backoff(options.Interval, consecutiveFailures);
                LogFailed(_logger, ex, delay);
            }
            finally
            {
                if (!served && eventAt is { } at)
                {
                    // The event's change has not reached DNS yet: its latency is measured by the pass that writes it.
                    lock (_eventLock)
                    {
                        _firstEventAt = _firstEventAt is { } later && later < at ? later : at;
                    }
                }
            }

            if (served && CompactAfterFirstPass)
            {
                // The first full pass (every record planned, maybe printed) leaves a heap several times what stays, and an
                // idle controller triggers no further collection to give it back: compact once, here, where the pass and
                // its outcome are garbage (inside the pass they are not).
                CompactAfterFirstPass = false;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }

            nextRunAt = _time.GetUtcNow() + delay;
        }
    }

    /// <summary>
    /// True: one compacting collection after the first pass that was not skipped (the executable sets it; measured in
    /// docs/benchmarks-kubernetes.md).
    /// </summary>
    public bool CompactAfterFirstPass { get; set; }

    /// <summary>
    /// One pass and what follows it (metrics, <see cref="Reconciled"/>, <see cref="AfterReconcile"/>); true when it was
    /// not skipped. Its own method so that the outcome is unreachable once it returns.
    /// </summary>
    private async Task<bool> PassAsync(bool byEvent, long? eventAt, CancellationToken cancellationToken)
    {
        // A pass an event brought forward may plan incrementally; an --interval tick always reads and plans everything.
        var outcome = await _reconciler.RunOnceAsync(byEvent, cancellationToken).ConfigureAwait(false);
        if (outcome.Applied && eventAt is { } at)
        {
            _metrics.EventToWrite.Observe(_time.GetElapsedTime(at).TotalSeconds);
        }

        Reconciled?.Invoke(outcome);
        if (AfterReconcile is { } after)
        {
            try
            {
                await after(outcome, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogAfterFailed(_logger, ex);
            }
        }

        return !outcome.Skipped;
    }

    public void Dispose() => _signal.Dispose();

    /// <summary>True for errors only the user can fix: these stop the process with a clear message.</summary>
    public static bool IsConfigurationError(Exception ex) =>
        ex is ProviderConfigurationException or RegistryConfigurationException;

    private static TimeSpan Backoff(TimeSpan interval, int failures)
    {
        var backoff = FirstRetry * Math.Pow(2, Math.Min(failures - 1, 10));
        return backoff < interval ? backoff : interval;
    }

    private async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signal = _signal.WaitAsync(cts.Token);
        var timer = Task.Delay(delay, _time, cts.Token);
        await Task.WhenAny(signal, timer).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(signal, timer).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // One of the two waits was cancelled on purpose once the other finished.
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transient provider error, retrying in {Delay}: {Message}")]
    private static partial void LogTransient(ILogger logger, string message, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Post-reconcile work (status, events) failed")]
    private static partial void LogAfterFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconcile failed, retrying in {Delay}")]
    private static partial void LogFailed(ILogger logger, Exception exception, TimeSpan delay);
}

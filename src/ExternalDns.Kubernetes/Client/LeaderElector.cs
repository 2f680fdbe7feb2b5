using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Kubernetes.Client;

/// <summary>
/// Leader election on a Lease, following client-go's leaderelection package: a candidate takes the lease when it is
/// free or when nobody has changed it for the lease duration (measured on the local clock from the moment this
/// replica saw it change); the leader renews every retry period, and stops leading — cancelling the leadership token
/// at once — when it has not renewed within the renew deadline, which is shorter than the lease duration, so it has
/// stopped before anyone else may take over. Writes use optimistic concurrency (resourceVersion; a 409 just fails the
/// attempt). On a graceful stop the lease is released (<see cref="LeaderElectionOptions.ReleaseOnCancel"/>).
/// </summary>
public sealed class LeaderElector
{
    /// <summary>Acquire attempts wait RetryPeriod × (1 + up to this factor), as in client-go.</summary>
    public const double JitterFactor = 1.2;

    private readonly ILeaseStore _store;
    private readonly LeaderElectionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _namespace;
    private LeaseSpec? _observedRecord;
    private DateTimeOffset _observedTime;
    private Lease? _observedLease;
    private DateTimeOffset _lastSuccessStart; // when the last successful write (create or update) was sent
    private volatile bool _isLeader;
    private volatile string? _observedLeader;

    /// <param name="store">Lease storage (<see cref="KubeLeaseStore"/> in production).</param>
    /// <param name="options">Lease name, identity and timing; validated here.</param>
    /// <param name="defaultNamespace">Namespace used when <see cref="LeaderElectionOptions.LeaseNamespace"/> is not set.</param>
    /// <param name="timeProvider">Clock.</param>
    /// <param name="logger">Logger.</param>
    public LeaderElector(ILeaseStore store, LeaderElectionOptions options, string defaultNamespace = "default", TimeProvider? timeProvider = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _store = store;
        _options = options;
        _namespace = string.IsNullOrEmpty(options.LeaseNamespace) ? defaultNamespace : options.LeaseNamespace;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Raised when the observed holder of the lease changes (including to this replica).</summary>
    public event EventHandler? LeaderChanged;

    public string Identity => _options.Identity;

    /// <summary>True between acquiring and losing (or releasing) the lease.</summary>
    public bool IsLeader => _isLeader;

    /// <summary>The holder identity last seen on the lease.</summary>
    public string? ObservedLeader => _observedLeader;

    /// <summary>
    /// Campaigns until this replica leads, then runs <paramref name="leadAsync"/> with a token that is cancelled the
    /// moment leadership is lost or <paramref name="cancellationToken"/> is cancelled, and keeps renewing. Returns
    /// when leadership is lost (the caller should then stop, as client-go users exit) or on cancellation. An
    /// exception from <paramref name="leadAsync"/> gives up the lease and is rethrown.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> leadAsync, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leadAsync);
        if (!await AcquireAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        // The deadline counts from the moment the winning write was sent: nobody can have seen the new record earlier,
        // so nobody takes over before that moment + the lease duration. (It once counted from the start of the attempt,
        // so a slow first GET — a cold TLS handshake and JIT on a loaded machine — used up most of the renew deadline
        // and the new leader gave up at its first renewal, ~2 s after acquiring with a 2 s deadline.)
        var firstDeadline = _lastSuccessStart + _options.RenewDeadline - _time.GetUtcNow();
        // The leadership token is cancelled at the renew deadline by the source's timer (the TimeProvider's, so fake
        // clocks work) and by a watchdog on its own thread, which also fires when the thread pool is starved (the watchdog
        // owns and disposes the source once it is stopped).
        var leadership = new CancellationTokenSource(firstDeadline > TimeSpan.Zero ? firstDeadline : TimeSpan.FromTicks(1), _time);
        var watchdog = new DeadlineWatchdog(leadership, _lastSuccessStart + _options.RenewDeadline, _time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, leadership.Token);
        var leading = Task.Run(() => leadAsync(stop.Token), CancellationToken.None);
        string? lostReason = null;
        try
        {
            lostReason = await RenewLoopAsync(leadership, watchdog, leading, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            watchdog.Stop();
            _isLeader = false;
            await stop.CancelAsync().ConfigureAwait(false);
            if (lostReason is not null)
            {
                KubeClientLog.LeaseLost(_logger, Identity, _namespace, _options.LeaseName, lostReason);
            }
        }

        Exception? failure = null;
        try
        {
            await leading.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Expected: leadership ended.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            failure = e;
        }

        if (lostReason is null && (_options.ReleaseOnCancel || failure is not null))
        {
            await ReleaseAsync().ConfigureAwait(false);
        }

        if (failure is not null)
        {
            throw new InvalidOperationException($"the leader's work failed on lease {_namespace}/{_options.LeaseName}: {failure.Message}", failure);
        }
    }

    /// <summary>Returns the reason leadership was lost, or null when stopped by cancellation or because the work finished with an error.</summary>
    private async Task<string?> RenewLoopAsync(CancellationTokenSource leadership, DeadlineWatchdog watchdog, Task leading, CancellationToken cancellationToken)
    {
        var lastRenew = _lastSuccessStart;
        while (true)
        {
            try
            {
                await Task.WhenAny(leading, Task.Delay(_options.RetryPeriod, _time, leadership.Token)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Handled below.
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return null;
            }

            if (leading.IsFaulted)
            {
                return null;
            }

            if (leadership.IsCancellationRequested)
            {
                return $"not renewed within the renew deadline {_options.RenewDeadline.TotalSeconds:0.###} s (last renewal {lastRenew:O})";
            }

            var remaining = lastRenew + _options.RenewDeadline - _time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                await leadership.CancelAsync().ConfigureAwait(false);
                continue;
            }

            using var attemptTimeout = new CancellationTokenSource(remaining, _time);
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimeout.Token, leadership.Token);
            var result = await TryAcquireOrRenewAsync(attempt.Token).ConfigureAwait(false);
            if (result == Attempt.Succeeded)
            {
                lastRenew = _lastSuccessStart;
                var left = lastRenew + _options.RenewDeadline - _time.GetUtcNow();
                if (left <= TimeSpan.Zero)
                {
                    await leadership.CancelAsync().ConfigureAwait(false);
                }
                else
                {
                    leadership.CancelAfter(left);
                    watchdog.Extend(lastRenew + _options.RenewDeadline);
                }
            }
            else if (result == Attempt.HeldByOther)
            {
                await leadership.CancelAsync().ConfigureAwait(false);
                return $"the lease is now held by {_observedLeader}";
            }
        }
    }

    private async Task<bool> AcquireAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Attempt result;
            try
            {
                result = await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            if (result == Attempt.Succeeded)
            {
                KubeClientLog.LeaseAcquired(_logger, Identity, _namespace, _options.LeaseName);
                return true;
            }

#pragma warning disable CA5394 // Jitter, not security.
            var wait = _options.RetryPeriod * (1 + (Random.Shared.NextDouble() * JitterFactor));
#pragma warning restore CA5394
            try
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return false;
    }

    private async Task<Attempt> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var durationSeconds = (int)Math.Ceiling(_options.LeaseDuration.TotalSeconds);
        try
        {
            var lease = await _store.GetAsync(_namespace, _options.LeaseName, cancellationToken).ConfigureAwait(false);

            // A change is observed when the answer arrives (as client-go), not when the attempt started: under load the
            // GET can take seconds, and counting the lease duration from before it would let a standby take over early.
            var seen = _time.GetUtcNow();
            if (lease is null)
            {
                var createSent = _time.GetUtcNow();
                var created = await _store.CreateAsync(new Lease
                {
                    Metadata = new KubeObjectMeta { Name = _options.LeaseName, Namespace = _namespace },
                    Spec = new LeaseSpec
                    {
                        HolderIdentity = Identity,
                        LeaseDurationSeconds = durationSeconds,
                        AcquireTime = now,
                        RenewTime = now,
                        LeaseTransitions = 0,
                    },
                }, cancellationToken).ConfigureAwait(false);
                Observe(created, _time.GetUtcNow());
                _lastSuccessStart = createSent;
                _isLeader = true;
                return Attempt.Succeeded;
            }

            var record = lease.Spec ?? new LeaseSpec();
            if (_observedRecord is null || !SameRecord(record, _observedRecord))
            {
                Observe(lease, seen);
            }

            _observedLease = lease;
            var holder = record.HolderIdentity;
            var recordDuration = record.LeaseDurationSeconds is > 0 ? TimeSpan.FromSeconds(record.LeaseDurationSeconds.Value) : _options.LeaseDuration;
            var heldByMe = holder == Identity;
            if (!string.IsNullOrEmpty(holder) && !heldByMe && _observedTime + recordDuration > now)
            {
                return Attempt.HeldByOther;
            }

            var next = new LeaseSpec
            {
                HolderIdentity = Identity,
                LeaseDurationSeconds = durationSeconds,
                RenewTime = now,
                AcquireTime = heldByMe ? record.AcquireTime ?? now : now,
                LeaseTransitions = heldByMe ? record.LeaseTransitions ?? 0 : (record.LeaseTransitions ?? 0) + 1,
            };
            lease.Spec = next;
            var updateSent = _time.GetUtcNow();
            var updated = await _store.UpdateAsync(lease, cancellationToken).ConfigureAwait(false);
            Observe(updated, _time.GetUtcNow());
            _lastSuccessStart = updateSent;
            _isLeader = true;
            return Attempt.Succeeded;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            KubeClientLog.LeaseAttemptFailed(_logger, _namespace, _options.LeaseName, "timed out");
            return Attempt.Failed;
        }
        catch (OperationCanceledException)
        {
            return Attempt.Failed;
        }
        catch (Exception e) when (e is KubeApiException or KubeConfigException or HttpRequestException or IOException)
        {
            KubeClientLog.LeaseAttemptFailed(_logger, _namespace, _options.LeaseName, e.Message);
            return Attempt.Failed;
        }
    }

    private async Task ReleaseAsync()
    {
        var lease = _observedLease;
        if (lease is null || _observedRecord?.HolderIdentity != Identity)
        {
            return;
        }

        var now = _time.GetUtcNow();
        lease.Spec = new LeaseSpec
        {
            HolderIdentity = "",
            LeaseDurationSeconds = 1,
            AcquireTime = now,
            RenewTime = now,
            LeaseTransitions = _observedRecord.LeaseTransitions,
        };
        using var timeout = new CancellationTokenSource(_options.RenewDeadline, _time);
        try
        {
            Lease updated;
            try
            {
                updated = await _store.UpdateAsync(lease, timeout.Token).ConfigureAwait(false);
            }
            catch (KubeConflictException)
            {
                // A renewal cancelled by the stop may have been written although its answer never arrived, leaving the
                // observed resourceVersion stale. Release on top of the current lease, but only while it is still ours.
                var current = await _store.GetAsync(_namespace, _options.LeaseName, timeout.Token).ConfigureAwait(false);
                if (current?.Spec?.HolderIdentity != Identity)
                {
                    throw;
                }

                current.Spec = lease.Spec;
                updated = await _store.UpdateAsync(current, timeout.Token).ConfigureAwait(false);
            }

            Observe(updated, now);
            KubeClientLog.LeaseReleased(_logger, Identity, _namespace, _options.LeaseName);
        }
        catch (Exception e) when (e is KubeApiException or KubeConfigException or HttpRequestException or IOException or OperationCanceledException)
        {
            KubeClientLog.LeaseReleaseFailed(_logger, _namespace, _options.LeaseName, e.Message);
        }
    }

    private void Observe(Lease lease, DateTimeOffset at)
    {
        _observedLease = lease;
        _observedRecord = (lease.Spec ?? new LeaseSpec()).Clone();
        _observedTime = at;
        var holder = _observedRecord.HolderIdentity;
        if (holder != _observedLeader)
        {
            _observedLeader = holder;
            if (!string.IsNullOrEmpty(holder))
            {
                KubeClientLog.NewLeader(_logger, _namespace, _options.LeaseName, holder);
            }

            try
            {
                LeaderChanged?.Invoke(this, EventArgs.Empty);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                KubeClientLog.LeaseAttemptFailed(_logger, _namespace, _options.LeaseName, "LeaderChanged handler threw: " + e.Message);
            }
        }
    }

    private static bool SameRecord(LeaseSpec a, LeaseSpec b) =>
        a.HolderIdentity == b.HolderIdentity && a.LeaseDurationSeconds == b.LeaseDurationSeconds && a.AcquireTime == b.AcquireTime
        && a.RenewTime == b.RenewTime && a.LeaseTransitions == b.LeaseTransitions;

    /// <summary>
    /// Cancels the leadership at the renew deadline from a dedicated thread. A timer callback runs on a thread-pool
    /// thread; when every pool thread is held by work that does not return, the runtime adds a thread only after
    /// (thread-count goal × 1 s) without progress while the CPU is busy, so the deadline fired seconds late — once 2.5 s
    /// late, after the lease had already expired for a standby. This thread needs no pool thread to cancel the token;
    /// the token's callbacks then run on it (as they would on the timer's thread). It disposes the source when stopped.
    /// </summary>
    private sealed class DeadlineWatchdog
    {
        private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(1);
        private readonly CancellationTokenSource _leadership;
        private readonly TimeProvider _time;
        private readonly object _gate = new(); // Monitor.Wait/Pulse: nothing to dispose while the callbacks may still run
        private DateTimeOffset _deadline;
        private bool _stopped;

        public DeadlineWatchdog(CancellationTokenSource leadership, DateTimeOffset deadline, TimeProvider time)
        {
            _leadership = leadership;
            _deadline = deadline;
            _time = time;
            new Thread(Run) { IsBackground = true, Name = "leader election deadline" }.UnsafeStart();
        }

        public void Extend(DateTimeOffset deadline)
        {
            lock (_gate)
            {
                _deadline = deadline;
                Monitor.Pulse(_gate);
            }
        }

        /// <summary>Stops the watchdog (never waits for it: the token's callbacks may be running on its thread right now).</summary>
        public void Stop()
        {
            lock (_gate)
            {
                _stopped = true;
                Monitor.Pulse(_gate);
            }
        }

        private void Run()
        {
            var cancelled = false;
            while (true)
            {
                lock (_gate)
                {
                    if (_stopped)
                    {
                        break;
                    }

                    var wait = _deadline - _time.GetUtcNow();
                    if (wait > TimeSpan.Zero || cancelled)
                    {
                        // After cancelling, only a stop ends the wait; with a fake clock, real waits just re-check the clock.
                        Monitor.Wait(_gate, cancelled || wait > MaxWait ? MaxWait : wait);
                        continue;
                    }
                }

                // Outside the lock: the token's callbacks (the leader's work winding down) run here.
                cancelled = true;
                _leadership.Cancel();
            }

            _leadership.Dispose();
        }
    }

    private enum Attempt
    {
        Succeeded,
        HeldByOther,
        Failed,
    }
}

using ExternalDns.Kubernetes.Client;
using Xunit.Abstractions;

namespace ExternalDns.Kubernetes.Tests.Client;

public sealed class LeaderElectorTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeLeaseStore _store = new();

    private LeaderElector Elector(string identity = "me", bool release = true) => new(_store,
        new LeaderElectionOptions { LeaseName = "external-dns", LeaseNamespace = "kube-system", Identity = identity, ReleaseOnCancel = release },
        "default", _time);

    internal sealed class Leading
    {
        public CancellationToken Token { get; private set; }

        public bool Started { get; private set; }

        public DateTimeOffset? LostAt { get; private set; }

        public Func<CancellationToken, Task> Run(TimeProvider time) => async token =>
        {
            Token = token;
            Started = true;
            token.Register(() => LostAt ??= time.GetUtcNow());
            await Task.Delay(Timeout.Infinite, token);
        };
    }

    [Fact]
    public async Task Acquires_a_missing_lease_and_renews_every_retry_period()
    {
        var elector = Elector();
        var leading = new Leading();
        using var stop = new CancellationTokenSource();
        var run = elector.RunAsync(leading.Run(_time), stop.Token);

        await Eventually.TrueAsync(() => leading.Started, "leading");
        Assert.True(elector.IsLeader);
        Assert.Equal("me", elector.ObservedLeader);
        var lease = _store.Peek("kube-system", "external-dns")!;
        Assert.Equal("me", lease.Spec!.HolderIdentity);
        Assert.Equal(15, lease.Spec.LeaseDurationSeconds);
        Assert.Equal(0, lease.Spec.LeaseTransitions);
        var acquired = lease.Spec.AcquireTime;

        var start = _time.GetUtcNow();
        await Eventually.TrueAsync(() => _store.Peek("kube-system", "external-dns")!.Spec!.RenewTime >= start + TimeSpan.FromSeconds(6),
            "three renewals", _time, TimeSpan.FromMilliseconds(100));
        lease = _store.Peek("kube-system", "external-dns")!;
        Assert.Equal(acquired, lease.Spec!.AcquireTime);
        Assert.Equal("me", lease.Spec.HolderIdentity);
        Assert.False(leading.Token.IsCancellationRequested);

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(leading.Token.IsCancellationRequested);
        Assert.False(elector.IsLeader);
        var released = _store.Peek("kube-system", "external-dns")!.Spec!;
        Assert.Equal("", released.HolderIdentity);
        Assert.Equal(1, released.LeaseDurationSeconds);
    }

    [Fact]
    public async Task Waits_for_a_held_lease_to_expire_as_observed_locally_then_takes_it_over()
    {
        var t0 = _time.GetUtcNow();
        _store.Put("kube-system", "external-dns", new LeaseSpec
        {
            HolderIdentity = "other", LeaseDurationSeconds = 15, AcquireTime = t0.AddHours(-1), RenewTime = t0.AddHours(-1), LeaseTransitions = 4,
        });
        var elector = Elector();
        var leading = new Leading();
        using var stop = new CancellationTokenSource();
        var run = elector.RunAsync(leading.Run(_time), stop.Token);

        // The renewTime on the lease is an hour old, but this replica has only just seen it: it waits a full lease duration.
        await Eventually.TrueAsync(() => !_store.Operations.IsEmpty, "first attempt");
        Assert.Equal("other", elector.ObservedLeader);
        while (_time.GetUtcNow() < t0 + TimeSpan.FromSeconds(14.9))
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(1);
            Assert.False(leading.Started, $"took over at {_time.GetUtcNow() - t0}");
        }

        await Eventually.TrueAsync(() => leading.Started, "took over", _time, TimeSpan.FromMilliseconds(100));
        Assert.InRange(_time.GetUtcNow() - t0, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15 + (2 * 2.2) + 0.2));
        var lease = _store.Peek("kube-system", "external-dns")!.Spec!;
        Assert.Equal("me", lease.HolderIdentity);
        Assert.Equal(5, lease.LeaseTransitions);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_lease_renewed_by_its_holder_is_never_taken()
    {
        var t0 = _time.GetUtcNow();
        _store.Put("kube-system", "external-dns", new LeaseSpec { HolderIdentity = "other", LeaseDurationSeconds = 15, RenewTime = t0 });
        var elector = Elector();
        var leading = new Leading();
        using var stop = new CancellationTokenSource();
        var run = elector.RunAsync(leading.Run(_time), stop.Token);
        for (var i = 0; i < 400; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            if (i % 20 == 0)
            {
                _store.Put("kube-system", "external-dns", new LeaseSpec { HolderIdentity = "other", LeaseDurationSeconds = 15, RenewTime = _time.GetUtcNow() });
            }

            await Task.Delay(1);
        }

        Assert.False(leading.Started);
        Assert.False(elector.IsLeader);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("other", _store.Peek("kube-system", "external-dns")!.Spec!.HolderIdentity);
    }

    [Fact]
    public async Task A_leader_that_cannot_renew_stops_at_the_renew_deadline_before_the_lease_expires()
    {
        var elector = Elector();
        var leading = new Leading();
        var run = elector.RunAsync(leading.Run(_time), CancellationToken.None);
        await Eventually.TrueAsync(() => leading.Started, "leading");
        await Eventually.TrueAsync(() => _store.Operations.Count(o => o.StartsWith("update", StringComparison.Ordinal)) >= 2,
            "renewed twice", _time, TimeSpan.FromMilliseconds(100));

        _store.FailWith = new HttpRequestException("connection refused");
        var lastRenew = _store.Peek("kube-system", "external-dns")!.Spec!.RenewTime!.Value;
        await Eventually.TrueAsync(() => run.IsCompleted, "stopped leading", _time, TimeSpan.FromMilliseconds(100));
        await run;

        Assert.False(elector.IsLeader);
        Assert.True(leading.Token.IsCancellationRequested);
        var lostAfter = leading.LostAt!.Value - lastRenew;
        Assert.InRange(lostAfter, TimeSpan.FromSeconds(9.9), TimeSpan.FromSeconds(10.15));
        Assert.True(lostAfter < TimeSpan.FromSeconds(15), "must stop before others may take over");
        Assert.Equal("me", _store.Peek("kube-system", "external-dns")!.Spec!.HolderIdentity);
    }

    [Fact]
    public async Task A_stolen_lease_ends_leadership_at_the_next_renewal()
    {
        var elector = Elector();
        var leading = new Leading();
        var run = elector.RunAsync(leading.Run(_time), CancellationToken.None);
        await Eventually.TrueAsync(() => leading.Started, "leading");

        _store.Put("kube-system", "external-dns", new LeaseSpec { HolderIdentity = "thief", LeaseDurationSeconds = 15, RenewTime = _time.GetUtcNow() });
        var stolenAt = _time.GetUtcNow();
        await Eventually.TrueAsync(() => run.IsCompleted, "lost", _time, TimeSpan.FromMilliseconds(100));
        Assert.InRange(leading.LostAt!.Value - stolenAt, TimeSpan.Zero, TimeSpan.FromSeconds(2.2));
        Assert.Equal("thief", elector.ObservedLeader);
        Assert.Equal("thief", _store.Peek("kube-system", "external-dns")!.Spec!.HolderIdentity);
    }

    [Fact]
    public async Task Conflicts_are_retried_without_losing_leadership()
    {
        var elector = Elector();
        var leading = new Leading();
        using var stop = new CancellationTokenSource();
        var run = elector.RunAsync(leading.Run(_time), stop.Token);
        await Eventually.TrueAsync(() => leading.Started, "leading");
        _store.ConflictsToInject = 2;
        var from = _time.GetUtcNow();
        await Eventually.TrueAsync(() => _store.Peek("kube-system", "external-dns")!.Spec!.RenewTime > from, "renewed after conflicts",
            _time, TimeSpan.FromMilliseconds(100));
        Assert.Equal(0, _store.ConflictsToInject);
        Assert.True(elector.IsLeader);
        Assert.False(leading.Token.IsCancellationRequested);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Without_release_on_cancel_the_lease_is_left_to_expire()
    {
        var elector = Elector(release: false);
        var leading = new Leading();
        using var stop = new CancellationTokenSource();
        var run = elector.RunAsync(leading.Run(_time), stop.Token);
        await Eventually.TrueAsync(() => leading.Started, "leading");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("me", _store.Peek("kube-system", "external-dns")!.Spec!.HolderIdentity);
    }

    [Fact]
    public async Task A_released_lease_is_taken_at_once_by_another_candidate()
    {
        _store.Put("kube-system", "external-dns", new LeaseSpec { HolderIdentity = "", LeaseDurationSeconds = 1, RenewTime = _time.GetUtcNow(), LeaseTransitions = 2 });
        var elector = Elector();
        var leading = new Leading();
        using var stop = new CancellationTokenSource();
        var run = elector.RunAsync(leading.Run(_time), stop.Token);
        await Eventually.TrueAsync(() => leading.Started, "leading");
        Assert.Equal(3, _store.Peek("kube-system", "external-dns")!.Spec!.LeaseTransitions);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(10, 10, 2)]
    [InlineData(15, 10, 9)]
    [InlineData(15, 10, 0)]
    public void Inconsistent_timing_is_rejected(int lease, int renew, int retry)
    {
        var options = new LeaderElectionOptions
        {
            LeaseDuration = TimeSpan.FromSeconds(lease), RenewDeadline = TimeSpan.FromSeconds(renew), RetryPeriod = TimeSpan.FromSeconds(retry),
        };
        Assert.Throws<ArgumentException>(() => new LeaderElector(_store, options));
    }

    [Fact]
    public async Task A_slow_first_get_does_not_eat_the_new_leaders_renew_deadline()
    {
        // The first GET of a fresh process (cold TLS handshake, JIT, loaded machine) takes 9 s of the 10 s deadline.
        // The deadline counts from when the winning write was sent, so the new leader keeps leading through its renewals.
        _store.BeforeGetAsync = n =>
        {
            if (n == 1)
            {
                _time.Advance(TimeSpan.FromSeconds(9));
            }

            return Task.CompletedTask;
        };
        var elector = Elector();
        var leading = new Leading();
        using var stop = new CancellationTokenSource();
        var run = elector.RunAsync(leading.Run(_time), stop.Token);
        await Eventually.TrueAsync(() => leading.Started, "leading");
        var acquiredAt = _time.GetUtcNow();

        await Eventually.TrueAsync(() => _store.Operations.Count(o => o.StartsWith("update", StringComparison.Ordinal)) >= 3,
            "renewed three times", _time, TimeSpan.FromMilliseconds(100));
        Assert.True(_time.GetUtcNow() - acquiredAt > TimeSpan.FromSeconds(4), "renewals span more than the 1 s left by the old accounting");
        Assert.Null(leading.LostAt);
        Assert.True(elector.IsLeader);
        Assert.Equal("me", _store.Peek("kube-system", "external-dns")!.Spec!.HolderIdentity);

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_stop_during_a_renewal_whose_answer_is_lost_still_releases_the_lease()
    {
        // The stop cancels a renewal after the server stored it but before its answer arrived: the elector's copy of the
        // lease has a stale resourceVersion, so the release gets 409. It must release on top of the current lease.
        var elector = Elector();
        var leading = new Leading();
        using var stop = new CancellationTokenSource();
        var run = elector.RunAsync(leading.Run(_time), stop.Token);
        await Eventually.TrueAsync(() => leading.Started, "leading");
        var answerLost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.AfterUpdateStoredAsync = async (_, token) =>
        {
            answerLost.TrySetResult();
            await Task.Delay(Timeout.Infinite, token);
        };
        await Eventually.TrueAsync(() => answerLost.Task.IsCompleted, "a renewal stored, its answer pending", _time, TimeSpan.FromMilliseconds(100));
        _store.AfterUpdateStoredAsync = null;

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
        var released = _store.Peek("kube-system", "external-dns")!.Spec!;
        Assert.Equal("", released.HolderIdentity);
        Assert.Equal(1, released.LeaseDurationSeconds);
    }

    [Fact]
    public async Task A_standby_counts_the_lease_duration_from_when_its_get_answered()
    {
        // The holder renewed just before the standby's first GET, which takes 5 s to answer. The standby may take over
        // only 15 s after it saw the record (not 15 s after it asked), even though the holder never renews again.
        _store.Put("kube-system", "external-dns", new LeaseSpec { HolderIdentity = "holder", LeaseDurationSeconds = 15, RenewTime = _time.GetUtcNow() });
        DateTimeOffset? firstAnswer = null;
        _store.BeforeGetAsync = n =>
        {
            if (n == 1)
            {
                _time.Advance(TimeSpan.FromSeconds(5));
                firstAnswer = _time.GetUtcNow();
            }

            return Task.CompletedTask;
        };
        var elector = Elector();
        var leading = new Leading();
        using var stop = new CancellationTokenSource();
        var run = elector.RunAsync(leading.Run(_time), stop.Token);
        DateTimeOffset? takenAt = null;
        await Eventually.TrueAsync(() =>
        {
            if (leading.Started)
            {
                takenAt ??= _time.GetUtcNow();
            }

            return leading.Started;
        }, "took over", _time, TimeSpan.FromMilliseconds(100));

        Assert.True(takenAt!.Value - firstAnswer!.Value >= TimeSpan.FromSeconds(15), $"took over {(takenAt.Value - firstAnswer.Value).TotalSeconds} s after seeing the record");
        Assert.Equal("me", _store.Peek("kube-system", "external-dns")!.Spec!.HolderIdentity);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
    }
}

/// <summary>Tests that saturate the process's thread pool: they run alone, so they neither starve nor are starved by others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SaturatedThreadPoolCollection
{
    public const string Name = "Saturated thread pool (runs alone)";
}

[Collection(SaturatedThreadPoolCollection.Name)]
public sealed class LeaderElectorSaturationTests(ITestOutputHelper output)
{
    // Lease timing of the CLI leader-election tests: renew every 0.5 s, stop leading 4 s after the last renewal was sent,
    // others wait 6 s after they saw the last change.
    private static readonly LeaderElectionOptions Timing = new()
    {
        LeaseName = "external-dns", LeaseNamespace = "kube-system", Identity = "me",
        LeaseDuration = TimeSpan.FromSeconds(6), RenewDeadline = TimeSpan.FromSeconds(4), RetryPeriod = TimeSpan.FromMilliseconds(500),
    };

    /// <summary>
    /// A busy controller: more CPU-bound flows than the pool has threads, each work item ~20 ms of CPU and re-queued to
    /// the pool's global queue when it finishes, so every pool thread is busy and work is always waiting — but items
    /// finish, as real work does. (The first version of this test spun on every pool thread until the end: a deadlocked
    /// pool. Once the CPU is busy the runtime runs a waiting item only after thread-count goal × 1 s without any dequeue,
    /// so on an ungrown pool each hop of a renewal waited 4.5–6.5 s, longer than the 4 s renew deadline; it passed only
    /// when earlier tests had grown the pool past the spinners. No renewal that needs the pool survives a deadlock —
    /// the stalled-pool test below checks what the elector must still do then.) The API server runs on its own
    /// threads, as another process would. The elector goes through the real KubeApiClient over HTTP, so its socket completions,
    /// timers and continuations all queue on the saturated pool. It must acquire, keep the lease for 1.5 renew deadlines
    /// without a gap a standby could use, and give it up cleanly. Correctness under load, not a measurement of speed.
    /// </summary>
    [Fact]
    public async Task Keeps_renewing_while_cpu_bound_work_saturates_the_thread_pool()
    {
        using var server = new ThreadedLeaseServer { FirstGetDelay = TimeSpan.FromSeconds(1.5) };
        using var client = new KubeApiClient(new KubeClientConfiguration { Server = server.Uri }, new KubeClientOptions { Qps = 0 });
        var log = new ListLogger<LeaderElector>();
        var elector = new LeaderElector(new KubeLeaseStore(client), Timing, "default", TimeProvider.System, log);
        var leading = new LeaderElectorTests.Leading();
        ThreadPool.GetMinThreads(out var minWorkers, out _);
        using var load = new CpuBoundLoad(flows: Math.Max(minWorkers, Environment.ProcessorCount) * 8, slice: TimeSpan.FromMilliseconds(20));
        using var stop = new CancellationTokenSource();
        var run = elector.RunAsync(leading.Run(TimeProvider.System), stop.Token);

        await Eventually.TrueAsync(() => leading.Started || run.IsCompleted, "leading on a saturated pool", TimeSpan.FromSeconds(30));
        Assert.True(leading.Started, "the elector returned without leading");
        var acquiredAt = server.Writes.First().ReceivedAt;
        var completedBefore = load.Completed;
        await Eventually.TrueAsync(() => run.IsCompleted || server.Writes.Last().ReceivedAt - acquiredAt >= 1.5 * Timing.RenewDeadline,
            "renewals spanning one and a half renew deadlines on a saturated pool", TimeSpan.FromSeconds(30));

        Assert.False(run.IsCompleted, $"leadership ended: lost at {leading.LostAt:O}");
        Assert.Null(leading.LostAt);
        var writes = server.Writes.ToArray();
        Assert.All(writes, w => Assert.Equal("me", w.Holder));
        Assert.True(writes.Count(w => w.Method == "PUT") >= 2, $"{writes.Length} writes");
        var gaps = writes.Skip(1).Select((w, i) => w.ReceivedAt - writes[i].ReceivedAt).ToArray();
        for (var i = 0; i < gaps.Length; i++)
        {
            // What a standby sees: the lease changes more often than every lease duration, so it never may take it over.
            Assert.True(gaps[i] < Timing.LeaseDuration, $"renewal {i + 1} came {gaps[i].TotalSeconds:0.###} s after the previous write");
        }

        output.WriteLine($"{writes.Length} writes, largest gap {gaps.Max().TotalSeconds:0.###} s; work waiting in {load.Saturation:P0} of the samples; "
            + $"{load.Completed} load items; pool threads {ThreadPool.ThreadCount}");

        // The load was real: work was waiting in most samples, and it kept finishing (not a deadlocked pool).
        Assert.True(load.Saturation > 0.5, $"work was waiting in only {load.Saturation:P0} of the samples (pool threads {ThreadPool.ThreadCount})");
        Assert.True(load.Completed > completedBefore, "the load made no progress");

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(leading.Token.IsCancellationRequested);
        Assert.True(server.Peek("kube-system", "external-dns")!.Spec!.HolderIdentity == "", "not released: " + string.Join(" | ", log.Messages));
    }

    /// <summary>
    /// Every pool thread held by work that does not return (a deadlocked pool — what the first version of this test
    /// built with spinners that never finished): nothing queued on the pool runs, neither renewals nor timer callbacks.
    /// The leader cannot renew, but it must still stop leading — its token cancelled — before the lease expires for a
    /// standby (lease duration after the last renewal), and without a pool thread.
    /// </summary>
    [Fact]
    public async Task A_leader_on_a_stalled_thread_pool_stops_before_its_lease_expires()
    {
        var store = new FakeLeaseStore();
        var log = new ListLogger<LeaderElector>();
        var elector = new LeaderElector(store, Timing, "default", TimeProvider.System, log);
        using var lost = new ManualResetEventSlim();
        long lostAt = 0;
        var lostOnPoolThread = true;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var run = elector.RunAsync(async token =>
        {
            token.Register(() =>
            {
                lostAt = System.Diagnostics.Stopwatch.GetTimestamp();
                lostOnPoolThread = Thread.CurrentThread.IsThreadPoolThread;
                lost.Set();
            });
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, token);
        }, stop.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(() => store.UpdateCalls.Count >= 2, "renewing before the stall", TimeSpan.FromSeconds(30));

        // Stall: cap the pool and hold every thread it may have; this (pool) thread blocks too, synchronously.
        ThreadPool.GetMaxThreads(out var maxWorkers, out var maxIo);
        ThreadPool.GetMinThreads(out var minWorkers, out _);
        var cap = Math.Max(minWorkers, Environment.ProcessorCount);
        using var release = new ManualResetEventSlim();
        bool stalledThroughout;
        Assert.True(ThreadPool.SetMaxThreads(cap, maxIo), $"could not cap the thread pool at {cap}");
        try
        {
            for (var i = 0; i < cap; i++)
            {
                ThreadPool.QueueUserWorkItem(_ => release.Wait(), null);
            }

            var stalledFrom = ThreadPool.CompletedWorkItemCount;
            lost.Wait(Timing.LeaseDuration * 2);
            stalledThroughout = ThreadPool.CompletedWorkItemCount <= stalledFrom + cap;
        }
        finally
        {
            release.Set();
            ThreadPool.SetMaxThreads(maxWorkers, maxIo);
        }

        await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(lost.IsSet, "leadership never ended");
        var lastRenewal = store.UpdateCalls.Where(t => t < lostAt).Max();
        var after = System.Diagnostics.Stopwatch.GetElapsedTime(lastRenewal, lostAt);
        Assert.True(after < Timing.LeaseDuration, $"stopped leading {after.TotalSeconds:0.###} s after the last renewal: past the lease duration");
        Assert.False(lostOnPoolThread, "leadership was ended by a pool thread, so only once the pool recovered");
        Assert.True(stalledThroughout, "the pool was not stalled");
        Assert.Contains(log.Messages, m => m.Contains("not renewed within the renew deadline", StringComparison.Ordinal));
    }

    /// <summary>
    /// <paramref name="flows"/> chains of CPU-bound work items on the thread pool's global queue; a dedicated thread
    /// samples <see cref="ThreadPool.PendingWorkItemCount"/> to show the pool was saturated.
    /// </summary>
    private sealed class CpuBoundLoad : IDisposable
    {
        private readonly TimeSpan _slice;
        private readonly CountdownEvent _flowsEnded;
        private readonly Thread _sampler;
        private volatile bool _stopped;
        private long _completed;
        private int _samples;
        private int _saturatedSamples;

        public CpuBoundLoad(int flows, TimeSpan slice)
        {
            _slice = slice;
            _flowsEnded = new CountdownEvent(flows);
            for (var i = 0; i < flows; i++)
            {
                ThreadPool.QueueUserWorkItem(Step, 0, preferLocal: false);
            }

            _sampler = new Thread(Sample) { IsBackground = true, Name = "pool sampler" };
            _sampler.Start();
        }

        public long Completed => Interlocked.Read(ref _completed);

        /// <summary>Fraction of the samples in which work items were waiting for a pool thread.</summary>
        public double Saturation => Volatile.Read(ref _samples) == 0 ? 0 : (double)Volatile.Read(ref _saturatedSamples) / Volatile.Read(ref _samples);

        public void Dispose()
        {
            _stopped = true;
            _sampler.Join();
            Assert.True(_flowsEnded.Wait(TimeSpan.FromSeconds(30)), "the load did not stop");
            _flowsEnded.Dispose();
        }

        private void Step(int unused)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            while (System.Diagnostics.Stopwatch.GetElapsedTime(started) < _slice)
            {
                Thread.SpinWait(50);
            }

            Interlocked.Increment(ref _completed);
            if (_stopped)
            {
                _flowsEnded.Signal();
            }
            else
            {
                ThreadPool.QueueUserWorkItem(Step, 0, preferLocal: false);
            }
        }

        private void Sample()
        {
            while (!_stopped)
            {
                Interlocked.Increment(ref _samples);
                if (ThreadPool.PendingWorkItemCount > 0)
                {
                    Interlocked.Increment(ref _saturatedSamples);
                }

                Thread.Sleep(50);
            }
        }
    }
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using ExternalDns.Core.Controller;
using ExternalDns.Core.Endpoints;
using ExternalDns.Testing.Kubernetes;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Benchmarks.Kubernetes;

/// <summary>
/// Event-to-write latency, in-process: the emulator holds the cluster; <see cref="InProcessController"/> runs
/// <c>--events --min-event-sync-interval=0s --interval=1h</c> (not dry run) over it. After the initial reconcile has
/// created every record, the harness changes one Service's status IP at a time through the emulator's control API
/// (<see cref="KubeApiServer.Update"/>: the same store commit and watch fan-out an API PUT goes through) and waits until
/// the provider has written that A record. Timestamps: before the API write; when the live source raised Changed (the
/// informer applied the watch event); when <c>ApplyChangesAsync</c> was entered; when it returned. Every
/// <c>idleEvery</c> changes the harness also times one <see cref="Reconciler.RunOnceAsync"/> with nothing changed: the
/// work a reconcile costs at this cluster size, the baseline for the latency.
/// </summary>
internal static class EventLatencyBenchmark
{
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(30);

    public static IReadOnlyList<string> Flags(string kubeconfig) =>
    [
        "--source=service", "--source=ingress", $"--kubeconfig={kubeconfig}",
        "--provider=inmemory", $"--inmemory-zone={ClusterObjects.Zone}", "--policy=sync",
        "--events", "--min-event-sync-interval=0s", "--interval=1h",
    ];

    public static async Task<EventLatencyResult> RunAsync(
        KubeApiServer server, string kubeconfig, int objects, int changes, int warmUp, int idleEvery, TextWriter progress, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        using var loggerFactory = LoggerFactory.Create(b => b
            .SetMinimumLevel(LogLevel.Warning)
            // At shutdown the Event recorder's backlog (1,000 queued RecordReady events at --kube-api-qps=5) outlives the
            // client and logs one warning per abandoned event; reported in docs/benchmarks-kubernetes.md, muted here.
            .AddFilter("ExternalDns.Kubernetes.Client.EventRecorder", LogLevel.Error)
            .AddSimpleConsole(o => o.SingleLine = true));
        await using var controller = InProcessController.Create(Flags(kubeconfig), loggerFactory);

        long changedAt = 0;
        controller.Live.Changed += () => Interlocked.CompareExchange(ref changedAt, Stopwatch.GetTimestamp(), 0);
        TaskCompletionSource<ReconcileOutcome>? reconciled = null;
        controller.Loop.Reconciled += outcome => Volatile.Read(ref reconciled)?.TrySetResult(outcome);

        // Initial sync and the first reconcile, which creates every record.
        var initial = controller.Provider.Expect(ClusterObjects.ServiceHost(objects - 1), ClusterObjects.ServiceIp(objects - 1));
        var first = new TaskCompletionSource<ReconcileOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref reconciled, first);
        var clock = Stopwatch.StartNew();
        controller.StartInformers();
        while (!controller.Live.HasSynced)
        {
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }

        var initialSync = clock.Elapsed;
        controller.StartLoop();
        await initial.WaitAsync(TimeSpan.FromSeconds(120), cancellationToken).ConfigureAwait(false);
        var firstOutcome = await first.Task.WaitAsync(TimeSpan.FromSeconds(120), cancellationToken).ConfigureAwait(false);
        var initialReconcile = clock.Elapsed;
        var created = firstOutcome.Plan.Changes.Create.Count(e => e.RecordType == RecordTypes.A);
        if (created != 2 * objects)
        {
            throw new InvalidOperationException($"the first reconcile created {created} A records, expected {2 * objects}");
        }

        await progress.WriteLineAsync($"latency: initial sync {initialSync.TotalMilliseconds:F0} ms, first reconcile done at {initialReconcile.TotalMilliseconds:F0} ms ({firstOutcome.Plan.Changes.Create.Count} creates)").ConfigureAwait(false);

        var apiToInformer = new List<double>();
        var apiToApply = new List<double>();
        var apiToWritten = new List<double>();
        var idle = new List<double>();
        var idleSource = new List<double>();
        var incrementalPasses = 0;
        var phaseSource = new List<double>();
        var phaseRecords = new List<double>();
        var phasePlan = new List<double>();
        var phaseApply = new List<double>();
        for (var c = 0; c < warmUp + changes; c++)
        {
            var i = (int)(((long)c * 7919) % objects);
            var ip = ClusterObjects.ChangeIp(c + 1);
            var written = controller.Provider.Expect(ClusterObjects.ServiceHost(i), ip);
            var done = new TaskCompletionSource<ReconcileOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref reconciled, done);
            Interlocked.Exchange(ref changedAt, 0);

            var t0 = Stopwatch.GetTimestamp();
            server.Update("services", ClusterObjects.Namespace(i), ClusterObjects.ServiceName(i), o =>
                o["status"] = new JsonObject { ["loadBalancer"] = new JsonObject { ["ingress"] = new JsonArray(new JsonObject { ["ip"] = ip, ["ipMode"] = "VIP" }) } });
            var (entered, writtenAt) = await written.WaitAsync(WriteTimeout, cancellationToken).ConfigureAwait(false);

            // Let the pass that wrote finish (registry cache, metrics, hooks) before the next change.
            var outcome = await WaitForPassWithAsync(done, ClusterObjects.ServiceHost(i), cancellationToken).ConfigureAwait(false);
            if (outcome.Plan.Changes.UpdateNew.Count(e => e.RecordType == RecordTypes.A) != 1)
            {
                throw new InvalidOperationException($"change {c}: the pass updated {outcome.Plan.Changes.UpdateNew.Count} records, expected one A record");
            }

            if (c >= warmUp && controller.Reconciler.LastPassIncremental)
            {
                incrementalPasses++;
            }

            if (c >= warmUp && controller.Reconciler.LastPhases is { } phases)
            {
                phaseSource.Add(phases.Source.TotalMilliseconds);
                phaseRecords.Add(phases.Records.TotalMilliseconds);
                phasePlan.Add(phases.Plan.TotalMilliseconds);
                phaseApply.Add(phases.Apply.TotalMilliseconds);
            }

            if (c >= warmUp)
            {
                var informerAt = Interlocked.Read(ref changedAt);
                apiToInformer.Add(Stopwatch.GetElapsedTime(t0, informerAt).TotalMilliseconds);
                apiToApply.Add(Stopwatch.GetElapsedTime(t0, entered).TotalMilliseconds);
                apiToWritten.Add(Stopwatch.GetElapsedTime(t0, writtenAt).TotalMilliseconds);
                if ((c - warmUp) % idleEvery == 0)
                {
                    idle.Add(await IdleReconcileAsync(controller.Reconciler, cancellationToken).ConfigureAwait(false));
                    var sourceStart = Stopwatch.GetTimestamp();
                    _ = await controller.Live.EndpointsAsync(cancellationToken).ConfigureAwait(false);
                    idleSource.Add(Stopwatch.GetElapsedTime(sourceStart).TotalMilliseconds);
                }

                if ((c - warmUp + 1) % Math.Max(10, changes / 10) == 0)
                {
                    await progress.WriteLineAsync($"latency: {c - warmUp + 1}/{changes} changes, last {apiToWritten[^1]:F1} ms").ConfigureAwait(false);
                }
            }
        }

        // Builds whose Reconciler has no incremental passes report 0 here.
        await progress.WriteLineAsync($"latency: {incrementalPasses} of {changes} event-driven passes planned incrementally").ConfigureAwait(false);
        if (phaseSource.Count > 0)
        {
            static double P50(List<double> v) => v.Order().ElementAt(v.Count / 2);
            await progress.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"latency: event-driven pass phases p50: source {P50(phaseSource):F1} ms, provider read {P50(phaseRecords):F1} ms, adjust+plan {P50(phasePlan):F1} ms, apply {P50(phaseApply):F1} ms")).ConfigureAwait(false);
        }

        return new EventLatencyResult(apiToInformer, apiToApply, apiToWritten, idle, idleSource, initialSync, initialReconcile, created, warmUp, total.Elapsed);
    }

    private static async Task<ReconcileOutcome> WaitForPassWithAsync(TaskCompletionSource<ReconcileOutcome> done, string host, CancellationToken cancellationToken)
    {
        var outcome = await done.Task.WaitAsync(WriteTimeout, cancellationToken).ConfigureAwait(false);
        if (!outcome.Plan.Changes.UpdateNew.Any(e => e.DnsName == host))
        {
            throw new InvalidOperationException($"the pass after the write did not carry the change of {host}");
        }

        return outcome;
    }

    private static async Task<double> IdleReconcileAsync(Reconciler reconciler, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var outcome = await reconciler.RunOnceAsync(cancellationToken).ConfigureAwait(false);
        var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (outcome.Skipped || outcome.Plan.Changes.HasChanges)
        {
            throw new InvalidOperationException("the idle reconcile was skipped or planned changes");
        }

        return ms;
    }
}

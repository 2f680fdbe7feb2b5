using ExternalDns.Core.Controller;
using ExternalDns.Kubernetes.Client;
using ExternalDns.Kubernetes.Watching;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Composition;

/// <summary>
/// What the controller does with the cluster around each reconcile: Kubernetes Events on the source objects,
/// DNSEndpoint status write-back, change notifications for <c>--events</c>, and the leader elector. Empty (all no-ops)
/// when no live source is configured.
/// </summary>
public sealed class KubernetesHooks : IAsyncDisposable
{
    private readonly KubernetesSource? _live;
    private readonly EventRecorder? _recorder;
    private readonly KubernetesEventPublisher? _publisher;

    private readonly KubeApiClient? _leaseClient;
    private readonly KubeApiClient? _eventClient;

    private KubernetesHooks(KubernetesSource? live, EventRecorder? recorder, KubeApiClient? eventClient, LeaderElector? elector, KubeApiClient? leaseClient, IReadOnlySet<string>? reasons)
    {
        _leaseClient = leaseClient;
        _eventClient = eventClient;
        _live = live;
        _recorder = recorder;
        Elector = elector;
        if (live is not null && recorder is not null)
        {
            _publisher = new KubernetesEventPublisher(recorder, live) { Reasons = reasons ?? KubernetesEventPublisher.DefaultReasons };
            live.Warned += _publisher.PublishWarnings;
        }
    }

    /// <summary>The leader elector with <c>--leader-elect</c>; null otherwise.</summary>
    public LeaderElector? Elector { get; }

    public static KubernetesHooks Create(AppComponents components, KubernetesHooksOptions options, ILoggerFactory loggerFactory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var client = components.Kubernetes;
        // Events get their own client and rate limiter: a backlog of Events after a large first sync must never delay the
        // informers' lists and watches (which would stall the controller), nor the reverse.
        var eventClient = client is not null && components.Live is not null && options.WriteEvents
            ? new KubeApiClient(client.Configuration, options.Client, handler: null, time, loggerFactory.CreateLogger<KubeApiClient>())
            : null;
        var recorder = eventClient is not null
            ? new EventRecorder(eventClient, new EventRecorderOptions(), time, loggerFactory.CreateLogger<EventRecorder>())
            : null;
        KubeApiClient? leaseClient = null;
        LeaderElector? elector = null;
        if (client is not null && options.LeaderElection is { } election)
        {
            // The Lease gets its own client: renewals must never queue behind the informers' lists and watches in the
            // shared rate limiter (a leader that cannot renew in time stops writing). Renewals are a few requests a second.
            leaseClient = new KubeApiClient(client.Configuration, new KubeClientOptions { Qps = 0, RequestTimeout = options.Client.RequestTimeout }, handler: null, time, loggerFactory.CreateLogger<KubeApiClient>());
            elector = new LeaderElector(new KubeLeaseStore(leaseClient), election, client.Configuration.Namespace, time, loggerFactory.CreateLogger<LeaderElector>());
        }

        return new KubernetesHooks(components.Live, recorder, eventClient, elector, leaseClient, options.EmitReasons);
    }

    public void OnChange(Action requestReconcile)
    {
        if (_live is not null)
        {
            _live.Changed += requestReconcile;
        }
    }

    /// <summary>A plan the registry failed to apply (<see cref="Core.Controller.Reconciler.ApplyFailed"/>): RecordError Events.</summary>
    public void OnApplyFailed(Core.Planning.Changes changes, Exception error) => _publisher?.PublishFailure(changes, error);

    public async Task AfterReconcileAsync(ReconcileOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        _publisher?.Publish(outcome);
        if (_live is not null && !outcome.Skipped && !outcome.DryRun)
        {
            await _live.UpdateDnsEndpointStatusAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _leaseClient?.Dispose();
        if (_recorder is not null)
        {
            using var flush = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _recorder.FlushAsync(flush.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (flush.IsCancellationRequested)
            {
                // Shutting down: Events still queued after 5 s are given up (the recorder counts them as dropped).
            }

            await _recorder.DisposeAsync().ConfigureAwait(false);
        }

        _eventClient?.Dispose();
    }
}

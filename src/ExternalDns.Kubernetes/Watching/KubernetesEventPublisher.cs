using ExternalDns.Core.Controller;
using ExternalDns.Core.Endpoints;
using ExternalDns.Kubernetes.Client;
using ExternalDns.Kubernetes.Sources;
using ObjectReference = ExternalDns.Kubernetes.Client.ObjectReference;

namespace ExternalDns.Kubernetes.Watching;

/// <summary>
/// Turns what a reconcile did into Kubernetes Events on the objects that asked for the records, so
/// <c>kubectl describe ingress</c> shows it: upstream's reasons <c>RecordReady</c> (created or updated) and
/// <c>RecordDeleted</c>, and ExternalDns's <c>RecordRejected</c> (owned by
/// someone else, outside every zone, invalid input), and upstream's <c>RecordError</c> (a change the provider refused or
/// failed, a Warning) when asked for. The recorder aggregates repeats and never blocks.
/// </summary>
public sealed class KubernetesEventPublisher(EventRecorder recorder, KubernetesSource source)
{
    public const string RecordReady = "RecordReady";
    public const string RecordDeleted = "RecordDeleted";
    public const string RecordRejected = "RecordRejected";
    public const string RecordError = "RecordError";

    /// <summary>The reasons written without <c>--events-emit</c>: all but <see cref="RecordError"/>.</summary>
    public static readonly IReadOnlySet<string> DefaultReasons = new HashSet<string>(StringComparer.Ordinal) { RecordReady, RecordDeleted, RecordRejected };

    /// <summary><c>--events-emit</c>: the reasons written; any other Event is not.</summary>
    public IReadOnlySet<string> Reasons { get; init; } = DefaultReasons;

    private HashSet<string> _lastRejected = new(StringComparer.Ordinal);

    /// <summary>Events for a finished reconcile (nothing in dry-run mode: nothing happened).</summary>
    public void Publish(ReconcileOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Skipped || outcome.DryRun)
        {
            return;
        }

        var plan = outcome.Plan;
        if (outcome.Applied)
        {
            foreach (var e in plan.Changes.Create)
            {
                Emit(e, KubeEventTypes.Normal, RecordReady, $"Created {Describe(e)}");
            }

            foreach (var e in plan.Changes.UpdateNew)
            {
                Emit(e, KubeEventTypes.Normal, RecordReady, $"Updated {Describe(e)}");
            }

            foreach (var e in plan.Changes.Delete)
            {
                Emit(e, KubeEventTypes.Normal, RecordDeleted, $"Deleted {Describe(e)}");
            }
        }

        // Rejections repeat on every reconcile while their cause persists: each is reported once, until it goes away.
        var rejected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in plan.OwnerMismatches)
        {
            var owner = m.CurrentOwner.Length == 0 ? "a record not managed by ExternalDNS" : $"owner \"{m.CurrentOwner}\"";
            Reject(rejected, m.Desired, $"{m.Desired.RecordType} {m.Desired.DnsName} is held by {owner}, not \"{outcome.OwnerId}\"; the record was not written");
        }

        foreach (var e in plan.OutsideDomainFilter)
        {
            Reject(rejected, e, $"{e.DnsName} is outside every managed zone and domain filter; no record was written");
        }

        _lastRejected = rejected;
    }

    private void Reject(HashSet<string> rejected, Endpoint e, string message)
    {
        var key = $"{e.Labels.Resource}|{message}";
        if (rejected.Add(key) && !_lastRejected.Contains(key))
        {
            Emit(e, KubeEventTypes.Warning, RecordRejected, message);
        }
    }

    /// <summary>
    /// A plan the registry refused or failed to apply: a Warning <c>RecordError</c> for each change (upstream's failed sync
    /// events), on the object that asked for the record. Some of the changes may have landed; the next reconcile retries.
    /// </summary>
    public void PublishFailure(Core.Planning.Changes changes, Exception error)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(error);
        foreach (var e in changes.Create)
        {
            Emit(e, KubeEventTypes.Warning, RecordError, $"Failed to create {Describe(e)}: {error.Message}");
        }

        foreach (var e in changes.UpdateNew)
        {
            Emit(e, KubeEventTypes.Warning, RecordError, $"Failed to update {Describe(e)}: {error.Message}");
        }

        foreach (var e in changes.Delete)
        {
            Emit(e, KubeEventTypes.Warning, RecordError, $"Failed to delete {Describe(e)}: {error.Message}");
        }
    }

    /// <summary>Mapping problems (invalid annotation, hostname, target) as warnings on their objects.</summary>
    public void PublishWarnings(IReadOnlyList<MappingWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        if (!Reasons.Contains(RecordRejected))
        {
            return;
        }

        foreach (var w in warnings)
        {
            if (source.TryGetObject(w.Object.ResourceLabel, out var target))
            {
                recorder.Record(target, KubeEventTypes.Warning, RecordRejected, w.Message);
            }
        }
    }

    private static string Describe(Endpoint e) => $"{e.RecordType} record {e.DnsName} -> {e.Targets}";

    private void Emit(Endpoint e, string type, string reason, string message)
    {
        if (Reasons.Contains(reason) && e.Labels.Resource is { } resource && source.TryGetObject(resource, out var target))
        {
            recorder.Record(target, type, reason, message);
        }
    }
}

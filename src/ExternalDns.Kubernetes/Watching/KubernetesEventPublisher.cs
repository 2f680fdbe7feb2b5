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
/// someone else, outside every zone, invalid input). The recorder aggregates repeats and never blocks.
/// </summary>
public sealed class KubernetesEventPublisher(EventRecorder recorder, KubernetesSource source)
{
    public const string RecordReady = "RecordReady";
    public const string RecordDeleted = "RecordDeleted";
    public const string RecordRejected = "RecordRejected";

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

        foreach (var m in plan.OwnerMismatches)
        {
            var owner = m.CurrentOwner.Length == 0 ? "a record not managed by ExternalDNS" : $"owner \"{m.CurrentOwner}\"";
            Emit(m.Desired, KubeEventTypes.Warning, RecordRejected, $"{m.Desired.RecordType} {m.Desired.DnsName} is held by {owner}, not \"{outcome.OwnerId}\"; the record was not written");
        }

        foreach (var e in plan.OutsideDomainFilter)
        {
            Emit(e, KubeEventTypes.Warning, RecordRejected, $"{e.DnsName} is outside every managed zone and domain filter; no record was written");
        }
    }

    /// <summary>Mapping problems (invalid annotation, hostname, target) as warnings on their objects.</summary>
    public void PublishWarnings(IReadOnlyList<MappingWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        foreach (var w in warnings)
        {
            if (source.LastObjects.TryGetValue(w.Object.ResourceLabel, out var target))
            {
                recorder.Record(target, KubeEventTypes.Warning, RecordRejected, w.Message);
            }
        }
    }

    private static string Describe(Endpoint e) => $"{e.RecordType} record {e.DnsName} -> {e.Targets}";

    private void Emit(Endpoint e, string type, string reason, string message)
    {
        if (e.Labels.Resource is { } resource && source.LastObjects.TryGetValue(resource, out ObjectReference? target))
        {
            recorder.Record(target, type, reason, message);
        }
    }
}

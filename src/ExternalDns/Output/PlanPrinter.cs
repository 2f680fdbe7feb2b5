using System.Text;
using System.Text.Json;
using ExternalDns.Core.Controller;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;

namespace ExternalDns.Output;

/// <summary>Prints a plan for people (a table) or for programs (JSON, <see cref="PlanDocument"/>).</summary>
public static class PlanPrinter
{
    private static readonly string[] Header = ["ACTION", "NAME", "TYPE", "TARGETS", "TTL", "OWNER"];

    public static PlanDocument ToDocument(ReconcileOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var plan = outcome.Plan;
        var changes = new List<PlanChange>();
        changes.AddRange(plan.Changes.Create.Select(e => Change("create", e, null, outcome.OwnerId)));
        for (var i = 0; i < plan.Changes.UpdateNew.Count; i++)
        {
            var old = plan.Changes.UpdateOld[i];
            changes.Add(Change("update", plan.Changes.UpdateNew[i], new PlanRecord(Ttl(old), [.. old.Targets]), null));
        }

        changes.AddRange(plan.Changes.Delete.Select(e => Change("delete", e, null, null)));
        var withheld = plan.Withheld
            .Select(w => new PlanWithheld(w.Action, w.Record.DnsName, w.Record.RecordType, ReasonText(w.Reason), w.Record.Labels.Resource))
            .ToList();
        var conflicts = plan.OwnerMismatches
            .Select(m => new PlanOwnerConflict(m.Desired.DnsName, m.Desired.RecordType, m.CurrentOwner, m.Desired.Labels.Resource))
            .ToList();

        return new PlanDocument
        {
            DryRun = outcome.DryRun,
            Applied = outcome.Applied,
            Policy = outcome.Policy.ToName(),
            OwnerId = outcome.OwnerId,
            SourceComplete = outcome.Desired.IsComplete,
            IncompleteReason = outcome.Desired.IncompleteReason,
            Summary = new PlanSummary(plan.Changes.Create.Count, plan.Changes.UpdateNew.Count, plan.Changes.Delete.Count, withheld.Count, conflicts.Count),
            Changes = changes,
            Withheld = withheld,
            OwnerConflicts = conflicts,
        };
    }

    public static string Json(ReconcileOutcome outcome) =>
        JsonSerializer.Serialize(ToDocument(outcome), PlanJsonContext.Default.PlanDocument) + "\n";

    public static string Table(ReconcileOutcome outcome)
    {
        var doc = ToDocument(outcome);
        var sb = new StringBuilder();
        if (doc.Changes.Count > 0)
        {
            var rows = new List<string[]> { Header };
            foreach (var c in doc.Changes)
            {
                var targets = string.Join(",", c.Targets);
                if (c.Old is not null && !c.Old.Targets.SequenceEqual(c.Targets))
                {
                    targets = $"{string.Join(",", c.Old.Targets)} -> {targets}";
                }

                var ttl = c.Ttl?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-";
                if (c.Old is not null && c.Old.Ttl != c.Ttl && c.Ttl is not null)
                {
                    ttl = $"{c.Old.Ttl?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} -> {ttl}";
                }

                var name = c.SetIdentifier is null ? c.Name : $"{c.Name} [{c.SetIdentifier}]";
                rows.Add([c.Action, name, c.Type, targets, ttl, c.Owner ?? "-"]);
            }

            WriteColumns(sb, rows);
        }

        foreach (var w in doc.Withheld)
        {
            sb.Append("withheld: ").Append(w.Action).Append(' ').Append(w.Name).Append(' ').Append(w.Type).Append(" (").Append(w.Reason).Append(")\n");
        }

        foreach (var c in doc.OwnerConflicts)
        {
            sb.Append("skipped: ").Append(c.Name).Append(' ').Append(c.Type).Append(" is owned by ")
                .Append(c.CurrentOwner.Length == 0 ? "no ExternalDNS instance (created outside)" : $"\"{c.CurrentOwner}\"")
                .Append(c.WantedBy is null ? string.Empty : $", wanted by {c.WantedBy}").Append('\n');
        }

        var s = doc.Summary;
        sb.Append("Plan: ").Append(s.Create).Append(" to create, ").Append(s.Update).Append(" to update, ").Append(s.Delete).Append(" to delete");
        if (s.Withheld > 0)
        {
            sb.Append(", ").Append(s.Withheld).Append(" withheld");
        }

        sb.Append(doc.DryRun ? " (dry run: nothing applied)." : doc.Applied ? " (applied)." : ".").Append('\n');
        if (!doc.SourceComplete)
        {
            sb.Append("Note: the desired state is incomplete (").Append(doc.IncompleteReason).Append("); no record was deleted.\n");
        }

        return sb.ToString();
    }

    private static PlanChange Change(string action, Endpoint e, PlanRecord? old, string? newOwner)
    {
        var owner = e.Labels.Owner is { Length: > 0 } o ? o : string.IsNullOrEmpty(newOwner) ? null : newOwner;
        return new(action, e.DnsName, e.RecordType, e.SetIdentifier.Length == 0 ? null : e.SetIdentifier, Ttl(e), [.. e.Targets], owner, e.Labels.Resource, old);
    }

    private static long? Ttl(Endpoint e) => e.RecordTtl > 0 ? e.RecordTtl : null;

    private static string ReasonText(WithheldReason reason) => reason switch
    {
        WithheldReason.IncompleteSourceView => "incomplete-source-view",
        WithheldReason.UnresolvedResource => "unresolved-resource",
        _ => reason.ToString(),
    };

    private static void WriteColumns(StringBuilder sb, List<string[]> rows)
    {
        var widths = new int[rows[0].Length];
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                sb.Append(row[i]);
                if (i < row.Length - 1)
                {
                    sb.Append(' ', widths[i] - row[i].Length + 2);
                }
            }

            sb.Append('\n');
        }
    }
}

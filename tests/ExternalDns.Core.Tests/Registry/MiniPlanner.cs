using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;

namespace ExternalDns.Core.Tests.Registry;

/// <summary>
/// The few rules of upstream's planner that the registry scenarios exercise (not the product's planner):
/// rows by (name, set-id) and type; a create needs every current record of the row owned by the owner; an update when
/// targets, a configured TTL or provider-specific properties differ (it inherits the current owner); deletes and
/// updates only of owned records; policies sync, upsert-only, create-only.
/// </summary>
public static class MiniPlanner
{
    public static readonly string[] Policies = ["sync", "upsert-only", "create-only"];

    public static Changes Plan(
        IReadOnlyList<Endpoint> current,
        IReadOnlyList<Endpoint> desired,
        string ownerId,
        IReadOnlyCollection<string> managed,
        string policy = "sync")
    {
        var changes = new Changes();
        var cur = current.Where(e => managed.Contains(e.RecordType)).ToList();
        var des = desired.Where(e => managed.Contains(e.RecordType)).ToList();
        var keys = cur.Select(e => e.Key).Concat(des.Select(e => e.Key)).Distinct().ToList();
        foreach (var key in keys)
        {
            var c = cur.FirstOrDefault(e => e.Key == key);
            var d = des.FirstOrDefault(e => e.Key == key);
            if (c is null && d is not null)
            {
                var row = cur.Where(e => e.DnsName == key.DnsName && e.SetIdentifier == key.SetIdentifier);
                if (row.All(e => e.Labels.Owner == ownerId))
                {
                    changes.Create.Add(d.Clone());
                }
            }
            else if (c is not null && d is null)
            {
                changes.Delete.Add(c);
            }
            else if (c is not null && d is not null && ShouldUpdate(c, d))
            {
                var n = d.Clone();
                n.Labels[Labels.OwnerKey] = c.Labels.Owner ?? string.Empty;
                changes.UpdateOld.Add(c);
                changes.UpdateNew.Add(n);
            }
        }

        if (policy != "sync")
        {
            changes.Delete.Clear();
        }

        if (policy == "create-only")
        {
            changes.UpdateOld.Clear();
            changes.UpdateNew.Clear();
        }

        if (ownerId.Length > 0)
        {
            changes.Delete.RemoveAll(e => e.Labels.Owner != ownerId);
            for (var i = changes.UpdateOld.Count - 1; i >= 0; i--)
            {
                if (changes.UpdateOld[i].Labels.Owner != ownerId)
                {
                    changes.UpdateOld.RemoveAt(i);
                    changes.UpdateNew.RemoveAt(i);
                }
            }
        }

        return changes;
    }

    private static bool ShouldUpdate(Endpoint current, Endpoint desired)
    {
        if (desired.IsTtlConfigured && desired.RecordTtl != current.RecordTtl)
        {
            return true;
        }

        if (!current.Targets.Same(desired.Targets))
        {
            return true;
        }

        var a = current.ProviderSpecific.OrderBy(p => p.Name, StringComparer.Ordinal);
        var b = desired.ProviderSpecific.OrderBy(p => p.Name, StringComparer.Ordinal);
        return !a.SequenceEqual(b);
    }
}

using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Sources;

namespace ExternalDns.Core.Planning;

/// <summary>
/// Diffs desired against current records: upstream's <c>plan.Calculate</c> (grouping by name and set identifier,
/// per-type conflict resolution, ownership checks, update detection, policies), plus two safeguards upstream lacks:
/// no deletes on an incomplete view of the desired state, and no change to records of resources that could not be read.
/// Pure: inputs are not modified (updated records are copies).
/// </summary>
public static class Planner
{
    public static PlanResult Calculate(IReadOnlyList<Endpoint> current, IReadOnlyList<Endpoint> desired, PlanOptions options) =>
        Calculate(current, new SourceResult(desired), options);

    public static PlanResult Calculate(IReadOnlyList<Endpoint> current, SourceResult desired, PlanOptions options)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(options);

        // Record types are compared by reference first: providers and sources use the same few type strings.
        var managed = new ManagedTypes(options);
        // Rows: the names of both sides, mostly the same ones (the table grows when they are not).
        var table = new PlanTable(Math.Max(current.Count, desired.Endpoints.Count) + 16);
        var outside = new List<Endpoint>();
        var changes = new Changes();
        var mismatches = new List<OwnerMismatch>();
        var cnameConflicts = new List<string>();
        try
        {
            for (var i = 0; i < current.Count; i++)
            {
                var record = current[i];
                if (IsPlanned(record, options, ref managed))
                {
                    RowFor(table, record).AddCurrent(record);
                }
            }

            var wanted = desired.Endpoints;
            for (var i = 0; i < wanted.Count; i++)
            {
                var record = wanted[i];
                if (IsPlanned(record, options, ref managed))
                {
                    RowFor(table, record).AddCandidate(record);
                }
                else if (managed.IsManaged(record.RecordType))
                {
                    outside.Add(record);
                }
            }

            for (var r = 0; r < table.Count; r++)
            {
                ref var row = ref table[r];
                if (row.ResolveRecordTypes())
                {
                    cnameConflicts.Add(row.Name);
                }

                var slots = row.SlotCount;
                if (row.CurrentCount == 0)
                {
                    for (var s = 0; s < slots; s++)
                    {
                        ref var slot = ref row.SlotAt(s);
                        if (slot.CandidateCount > 0)
                        {
                            changes.Create.Add(slot.ResolveCreate());
                        }
                    }
                }
                else if (row.CandidateCount == 0)
                {
                    for (var s = 0; s < slots; s++)
                    {
                        row.SlotAt(s).AddAllCurrentTo(changes.Delete);
                    }
                }
                else
                {
                    PlanTakenName(ref row, options, changes, mismatches);
                }
            }
        }
        finally
        {
            table.Release();
        }

        options.Policy.Apply(changes);

        if (options.OwnerId.Length > 0)
        {
            FilterByOwner(changes, options.OwnerId, mismatches);
        }

        var withheld = new List<WithheldChange>();
        if (desired.UnresolvedResources.Count > 0 || desired.UnresolvedKinds.Count > 0)
        {
            WithholdUnresolved(changes, desired, withheld);
        }

        if (!desired.IsComplete && changes.Delete.Count > 0)
        {
            foreach (var record in changes.Delete)
            {
                withheld.Add(new WithheldChange("delete", record, WithheldReason.IncompleteSourceView));
            }

            changes.Delete.Clear();
        }

        Sort(changes);
        return new PlanResult
        {
            Changes = changes,
            OwnerMismatches = mismatches,
            Withheld = withheld,
            DiscardedCnameConflicts = cnameConflicts,
            OutsideDomainFilter = outside,
        };
    }

    private static bool IsPlanned(Endpoint record, PlanOptions options, ref ManagedTypes managed)
    {
        if (!managed.IsManaged(record.RecordType))
        {
            return false;
        }

        var filters = options.DomainFilters;
        for (var i = 0; i < filters.Count; i++)
        {
            if (!filters[i].Match(record.DnsName))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The row of a record: one hash of the key per record, found or added in the same lookup.</summary>
    private static ref PlanRow RowFor(PlanTable table, Endpoint record) =>
        ref table.RowFor(DnsNames.Normalize(record.DnsName), record.SetIdentifier);

    /// <summary>A row where both current records and candidates exist: per type delete, create or update.</summary>
    private static void PlanTakenName(ref PlanRow row, PlanOptions options, Changes changes, List<OwnerMismatch> mismatches)
    {
        List<Endpoint>? creates = null;
        var slots = row.SlotCount;
        for (var s = 0; s < slots; s++)
        {
            ref var slot = ref row.SlotAt(s);
            var current = slot.Current;
            if (current is not null && slot.CandidateCount == 0)
            {
                changes.Delete.Add(current);
            }
            else if (current is null && slot.CandidateCount > 0)
            {
                (creates ??= []).Add(slot.ResolveCreate());
            }
            else if (current is not null)
            {
                var candidate = slot.ResolveUpdate();
                if (NeedsUpdate(candidate, current, options))
                {
                    var update = candidate.Clone();
                    update.Labels[Labels.OwnerKey] = current.Labels.Owner ?? string.Empty;
                    changes.UpdateNew.Add(update);
                    changes.UpdateOld.Add(current);
                }
            }
        }

        if (creates is null)
        {
            return;
        }

        if (options.OwnerId.Length > 0)
        {
            var owned = true;
            for (var s = 0; s < slots; s++)
            {
                ref var slot = ref row.SlotAt(s);
                var count = slot.CurrentCount;
                for (var c = 0; c < count; c++)
                {
                    var current = slot.CurrentAt(c);
                    if (current.Labels.Owner != options.OwnerId)
                    {
                        owned = false;
                        mismatches.Add(new OwnerMismatch(creates[0], current));
                    }
                }
            }

            if (!owned)
            {
                return;
            }
        }

        changes.Create.AddRange(creates);
    }

    /// <summary>Upstream's update test: TTL (when desired sets one), targets, provider-specific properties, owner migration.</summary>
    internal static bool NeedsUpdate(Endpoint desired, Endpoint current, PlanOptions options)
    {
        if (desired.RecordTtl > 0 && desired.RecordTtl != current.RecordTtl)
        {
            return true;
        }

        if (!desired.Targets.Same(current.Targets))
        {
            return true;
        }

        if (ProviderSpecificChanged(desired, current))
        {
            return true;
        }

        return !string.IsNullOrEmpty(options.OldOwnerId) && current.Labels.Owner != options.OldOwnerId;
    }

    private static bool ProviderSpecificChanged(Endpoint desired, Endpoint current)
    {
        var d = desired.ProviderSpecificProperties;
        var c = current.ProviderSpecificProperties;
        if (d.Count == 0 && c.Count == 0)
        {
            return false;
        }

        var remaining = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in d)
        {
            remaining[p.Name] = p.Value;
        }

        foreach (var p in c)
        {
            if (!remaining.Remove(p.Name, out var value) || value != p.Value)
            {
                return true;
            }
        }

        return remaining.Count > 0;
    }

    /// <summary>
    /// Keeps only deletes and updates of records this owner holds (upstream). An update dropped here is also reported
    /// as an owner mismatch: a resource of ours wants a record that someone else owns.
    /// </summary>
    private static void FilterByOwner(Changes changes, string ownerId, List<OwnerMismatch> mismatches)
    {
        var seen = new HashSet<EndpointKey>();
        changes.Delete.RemoveAll(e => e.Labels.Owner != ownerId || !seen.Add(e.Key));
        for (var i = changes.UpdateOld.Count - 1; i >= 0; i--)
        {
            if (changes.UpdateOld[i].Labels.Owner != ownerId || changes.UpdateNew[i].Labels.Owner != ownerId)
            {
                mismatches.Add(new OwnerMismatch(changes.UpdateNew[i], changes.UpdateOld[i]));
                changes.UpdateOld.RemoveAt(i);
                changes.UpdateNew.RemoveAt(i);
            }
        }
    }

    private static void WithholdUnresolved(Changes changes, SourceResult desired, List<WithheldChange> withheld)
    {
        changes.Delete.RemoveAll(e =>
        {
            if (desired.IsUnresolved(e.Labels.Resource))
            {
                withheld.Add(new WithheldChange("delete", e, WithheldReason.UnresolvedResource));
                return true;
            }

            return false;
        });

        for (var i = changes.UpdateOld.Count - 1; i >= 0; i--)
        {
            if (desired.IsUnresolved(changes.UpdateOld[i].Labels.Resource))
            {
                withheld.Add(new WithheldChange("update", changes.UpdateOld[i], WithheldReason.UnresolvedResource));
                changes.UpdateOld.RemoveAt(i);
                changes.UpdateNew.RemoveAt(i);
            }
        }
    }

    /// <summary>Deterministic order: by name, type, set identifier (updates by their new record).</summary>
    private static void Sort(Changes changes)
    {
        changes.Create.Sort(CompareKeys);
        changes.Delete.Sort(CompareKeys);
        if (changes.UpdateNew.Count > 1)
        {
            var pairs = changes.UpdateNew.Zip(changes.UpdateOld).ToList();
            pairs.Sort((a, b) => CompareKeys(a.First, b.First));
            changes.UpdateNew.Clear();
            changes.UpdateOld.Clear();
            foreach (var (n, o) in pairs)
            {
                changes.UpdateNew.Add(n);
                changes.UpdateOld.Add(o);
            }
        }
    }

    private static int CompareKeys(Endpoint a, Endpoint b)
    {
        var c = string.CompareOrdinal(a.DnsName, b.DnsName);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.RecordType, b.RecordType);
        return c != 0 ? c : string.CompareOrdinal(a.SetIdentifier, b.SetIdentifier);
    }

    /// <summary><see cref="PlanOptions.IsManaged"/> with the last answer remembered per type string instance.</summary>
    private struct ManagedTypes(PlanOptions options)
    {
        private string? _lastType;
        private bool _lastManaged;

        public bool IsManaged(string recordType)
        {
            if (!ReferenceEquals(recordType, _lastType))
            {
                _lastManaged = options.IsManaged(recordType);
                _lastType = recordType;
            }

            return _lastManaged;
        }
    }
}

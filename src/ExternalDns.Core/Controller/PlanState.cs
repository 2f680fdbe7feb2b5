using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Sources;

namespace ExternalDns.Core.Controller;

/// <summary>
/// What an event-driven pass plans from instead of re-reading the provider (see <see cref="Reconciler"/>): the records of
/// the last full read, kept up to date with the changes this controller applied since (as upstream's registry cache
/// does), the desired endpoints the last pass planned with, and what the last plan reported for each name (owner
/// mismatches, withheld changes, CNAME conflicts, names outside the domain filters). Everything is grouped by the
/// planner's row name (<see cref="DnsNames.Normalize"/>): the plan of one name depends only on that name's current and
/// desired records and on the view-wide inputs (completeness, unresolved resources and kinds, the options), so a name
/// whose inputs did not change since it was last planned plans the same again. Holds copies of the records, and the
/// source's (read-only) desired endpoints themselves: a name is dirty when its source endpoints differ, which decides the
/// same as comparing adjusted ones because the provider adjusts each endpoint on its own.
/// </summary>
internal sealed class PlanState
{
    private readonly Dictionary<string, List<Endpoint>> _current = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _currentByType = new(StringComparer.Ordinal);
    // The source's desired endpoints last planned (before the registry adjusted copies of them; read-only, see
    // SourceResult.Endpoints, so kept as they are) and their row names, in the view's order.
    private IReadOnlyList<Endpoint> _desired = [];
    private string[] _desiredNames = [];
    private List<OwnerMismatch> _mismatches = [];
    private List<WithheldChange> _withheld = [];
    private List<string> _cnameConflicts = [];
    private List<Endpoint> _outside = [];
    private HashSet<string> _touched = new(StringComparer.Ordinal);

    private readonly bool _ownership;

    private PlanState(bool ownership, DateTimeOffset readAt, bool isComplete, IReadOnlySet<string> unresolvedResources, IReadOnlySet<string> unresolvedKinds)
    {
        _ownership = ownership;
        ReadAt = readAt;
        IsComplete = isComplete;
        UnresolvedResources = new HashSet<string>(unresolvedResources, StringComparer.Ordinal);
        UnresolvedKinds = new HashSet<string>(unresolvedKinds, StringComparer.Ordinal);
    }

    /// <summary>When the provider's records were last read in full.</summary>
    public DateTimeOffset ReadAt { get; }

    public bool IsComplete { get; }

    public HashSet<string> UnresolvedResources { get; }

    public HashSet<string> UnresolvedKinds { get; }

    public int CurrentCount { get; private set; }

    public IReadOnlyDictionary<string, int> CurrentByType => _currentByType;

    /// <summary>The state after a full pass: the records read, the view planned and its plan (applied or not yet).</summary>
    /// <param name="ownership">
    /// False for a registry without ownership (noop), whose records read back without labels; true for one that reads
    /// back the labels it wrote (the TXT registry stores every label in the ownership record).
    /// </param>
    public static PlanState FromFullPass(bool ownership, DateTimeOffset readAt, IReadOnlyList<Endpoint> current, SourceResult desired, PlanResult plan)
    {
        var state = new PlanState(ownership, readAt, desired.IsComplete, desired.UnresolvedResources, desired.UnresolvedKinds);
        foreach (var record in current)
        {
            state.AddCurrent(record.Clone());
        }

        state._desired = desired.Endpoints;
        state._desiredNames = [.. desired.Endpoints.Select(e => DnsNames.Normalize(e.DnsName))];

        state._mismatches = [.. plan.OwnerMismatches];
        state._withheld = [.. plan.Withheld];
        state._cnameConflicts = [.. plan.DiscardedCnameConflicts];
        state._outside = [.. plan.OutsideDomainFilter];
        return state;
    }

    /// <summary>True when the view-wide inputs of the plan are those the state was planned with.</summary>
    public bool SameViewInputs(SourceResult view) =>
        view.IsComplete == IsComplete && UnresolvedResources.SetEquals(view.UnresolvedResources) && UnresolvedKinds.SetEquals(view.UnresolvedKinds);

    /// <summary>
    /// The names to plan again for <paramref name="desired"/> (whose row names are <paramref name="names"/>): those whose
    /// desired endpoints differ from the ones last planned (in content or order), and those whose records changed by the
    /// last apply. When the view has the same names in the same order as before (an update), the endpoints are compared
    /// position by position; otherwise (endpoints added or removed) name by name.
    /// </summary>
    public HashSet<string> DirtyNames(IReadOnlyList<Endpoint> desired, string[] names)
    {
        var dirty = new HashSet<string>(_touched, StringComparer.Ordinal);
        if (SameNames(names))
        {
            for (var i = 0; i < names.Length; i++)
            {
                if (!Same(desired[i], _desired[i]))
                {
                    dirty.Add(names[i]);
                }
            }

            return dirty;
        }

        var before = Group(_desired, _desiredNames);
        var after = Group(desired, names);
        foreach (var (name, list) in after)
        {
            if (!before.TryGetValue(name, out var old) || !SameList(old, list))
            {
                dirty.Add(name);
            }
        }

        foreach (var name in before.Keys)
        {
            if (!after.ContainsKey(name))
            {
                dirty.Add(name);
            }
        }

        return dirty;
    }

    /// <summary>Copies of the current records of <paramref name="names"/> (the planner's changes carry them to the registry).</summary>
    public List<Endpoint> CurrentOf(HashSet<string> names)
    {
        var result = new List<Endpoint>();
        foreach (var name in names)
        {
            if (_current.TryGetValue(name, out var list))
            {
                result.AddRange(list.Select(e => e.Clone()));
            }
        }

        return result;
    }

    /// <summary>The plan of every name: <paramref name="partial"/> for the dirty names, the last plan's findings for the others.</summary>
    public PlanResult Combine(PlanResult partial, HashSet<string> dirty) => new()
    {
        Changes = partial.Changes,
        OwnerMismatches = [.. _mismatches.Where(m => !dirty.Contains(DnsNames.Normalize(m.Current.DnsName))), .. partial.OwnerMismatches],
        Withheld = [.. _withheld.Where(w => !dirty.Contains(DnsNames.Normalize(w.Record.DnsName))), .. partial.Withheld],
        DiscardedCnameConflicts = [.. _cnameConflicts.Where(n => !dirty.Contains(DnsNames.Normalize(n))), .. partial.DiscardedCnameConflicts],
        OutsideDomainFilter = [.. _outside.Where(e => !dirty.Contains(DnsNames.Normalize(e.DnsName))), .. partial.OutsideDomainFilter],
    };

    /// <summary>
    /// After an incremental plan: the desired endpoints planned (the source's list itself, read-only as its endpoints) and
    /// the findings of the combined plan.
    /// </summary>
    public void Planned(IReadOnlyList<Endpoint> desired, string[] names, PlanResult combined)
    {
        _desired = desired;
        _desiredNames = names;
        _mismatches = [.. combined.OwnerMismatches];
        _withheld = [.. combined.Withheld];
        _cnameConflicts = [.. combined.DiscardedCnameConflicts];
        _outside = [.. combined.OutsideDomainFilter];
        _touched = new HashSet<string>(StringComparer.Ordinal);
    }

    /// <summary>
    /// The changes were applied: the records follow them (deletes and old sides removed, creates and new sides added, as
    /// the registry wrote them, with the name in the canonical form providers report), and their names are planned again by
    /// the next pass.
    /// </summary>
    public void Applied(Changes changes)
    {
        foreach (var e in changes.Delete.Concat(changes.UpdateOld))
        {
            RemoveCurrent(e);
        }

        foreach (var e in changes.Create.Concat(changes.UpdateNew))
        {
            // Providers report names in their canonical form (lower case, no trailing dot), whatever spelling was written.
            var record = e.Clone();
            record.DnsName = DnsNames.Normalize(record.DnsName);
            if (!_ownership)
            {
                record.Labels.Clear();
            }

            AddCurrent(record);
        }

        foreach (var e in changes.Create.Concat(changes.UpdateNew).Concat(changes.Delete).Concat(changes.UpdateOld))
        {
            _touched.Add(DnsNames.Normalize(e.DnsName));
        }
    }

    /// <summary>Groups endpoints by row name, keeping their order.</summary>
    private static Dictionary<string, List<Endpoint>> Group(IReadOnlyList<Endpoint> endpoints, string[] names)
    {
        var groups = new Dictionary<string, List<Endpoint>>(endpoints.Count, StringComparer.Ordinal);
        for (var i = 0; i < endpoints.Count; i++)
        {
            Add(groups, names[i], endpoints[i]);
        }

        return groups;
    }

    private void AddCurrent(Endpoint record)
    {
        Add(_current, DnsNames.Normalize(record.DnsName), record);
        CurrentCount++;
        _currentByType[record.RecordType] = _currentByType.GetValueOrDefault(record.RecordType) + 1;
    }

    private void RemoveCurrent(Endpoint record)
    {
        var name = DnsNames.Normalize(record.DnsName);
        if (!_current.TryGetValue(name, out var list))
        {
            return;
        }

        var index = list.FindIndex(e => e.DnsName == record.DnsName && e.RecordType == record.RecordType && e.SetIdentifier == record.SetIdentifier && e.Targets.Same(record.Targets));
        if (index < 0)
        {
            index = list.FindIndex(e => e.DnsName == record.DnsName && e.RecordType == record.RecordType && e.SetIdentifier == record.SetIdentifier);
        }

        if (index < 0)
        {
            return;
        }

        list.RemoveAt(index);
        if (list.Count == 0)
        {
            _current.Remove(name);
        }

        CurrentCount--;
        var left = _currentByType.GetValueOrDefault(record.RecordType) - 1;
        if (left > 0)
        {
            _currentByType[record.RecordType] = left;
        }
        else
        {
            _currentByType.Remove(record.RecordType);
        }
    }

    private static void Add(Dictionary<string, List<Endpoint>> groups, string name, Endpoint e)
    {
        if (!groups.TryGetValue(name, out var list))
        {
            groups[name] = list = new List<Endpoint>(1);
        }

        list.Add(e);
    }

    private bool SameNames(string[] names)
    {
        if (names.Length != _desiredNames.Length)
        {
            return false;
        }

        for (var i = 0; i < names.Length; i++)
        {
            if (!string.Equals(names[i], _desiredNames[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameList(List<Endpoint> a, List<Endpoint> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!Same(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Every field the planner reads (and more): name as spelled, type, set identifier, TTL, targets in order, labels, properties in order.</summary>
    private static bool Same(Endpoint a, Endpoint b)
    {
        if (ReferenceEquals(a, b))
        {
            // The source's endpoints are read-only (SourceResult.Endpoints): the same instance is the same endpoint.
            return true;
        }

        if (a.DnsName != b.DnsName || a.RecordType != b.RecordType || a.SetIdentifier != b.SetIdentifier || a.RecordTtl != b.RecordTtl
            || a.Targets.Count != b.Targets.Count || a.Labels.Count != b.Labels.Count || a.ProviderSpecificProperties.Count != b.ProviderSpecificProperties.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Targets.Count; i++)
        {
            if (!string.Equals(a.Targets[i], b.Targets[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        foreach (var (k, v) in a.Labels)
        {
            if (!b.Labels.TryGetValue(k, out var w) || !string.Equals(v, w, StringComparison.Ordinal))
            {
                return false;
            }
        }

        var pa = a.ProviderSpecificProperties;
        var pb = b.ProviderSpecificProperties;
        for (var i = 0; i < pa.Count; i++)
        {
            if (pa[i] != pb[i])
            {
                return false;
            }
        }

        return true;
    }
}

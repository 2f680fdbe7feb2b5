using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Planning;

/// <summary>All current records and candidates for one (name, set identifier), split by record type.</summary>
internal sealed class PlanRow(string name)
{
    private PlanSlot? _first;
    private List<PlanSlot>? _more;

    public string Name { get; } = name;

    public int CurrentCount { get; private set; }

    public int CandidateCount { get; private set; }

    /// <summary>The slots, one per record type, in the order the types were first seen.</summary>
    public SlotEnumerable Slots => new(_first, _more);

    public void AddCurrent(Endpoint record)
    {
        Slot(record.RecordType).AddCurrent(record);
        CurrentCount++;
    }

    public void AddCandidate(Endpoint record)
    {
        Slot(record.RecordType).AddCandidate(record);
        CandidateCount++;
    }

    /// <summary>
    /// When candidates mix CNAME with other types, discards the CNAME candidates (a current CNAME stays, so it can be
    /// deleted). Returns true when it discarded something.
    /// </summary>
    public bool ResolveRecordTypes()
    {
        if (CandidateCount <= 1 || _more is null)
        {
            return false;
        }

        bool cname = false, other = false;
        foreach (var slot in Slots)
        {
            if (slot.CandidateCount == 0)
            {
                continue;
            }

            if (slot.Type == RecordTypes.CNAME)
            {
                cname = true;
            }
            else
            {
                other = true;
            }
        }

        if (!cname || !other)
        {
            return false;
        }

        foreach (var slot in Slots)
        {
            if (slot.Type == RecordTypes.CNAME)
            {
                CandidateCount -= slot.CandidateCount;
                slot.ClearCandidates();
            }
        }

        return true;
    }

    private PlanSlot Slot(string type)
    {
        if (_first is null)
        {
            return _first = new PlanSlot(type);
        }

        if (_first.Type == type)
        {
            return _first;
        }

        if (_more is not null)
        {
            foreach (var slot in _more)
            {
                if (slot.Type == type)
                {
                    return slot;
                }
            }
        }

        var created = new PlanSlot(type);
        (_more ??= new List<PlanSlot>(2)).Add(created);
        return created;
    }

    /// <summary>Allocation-free enumeration of a row's slots.</summary>
    internal readonly struct SlotEnumerable(PlanSlot? first, List<PlanSlot>? more)
    {
        public Enumerator GetEnumerator() => new(first, more);

        internal struct Enumerator(PlanSlot? first, List<PlanSlot>? more)
        {
            private int _index = -1;

            public PlanSlot Current { get; private set; } = null!;

            public bool MoveNext()
            {
                _index++;
                if (_index == 0)
                {
                    Current = first!;
                    return first is not null;
                }

                if (more is not null && _index - 1 < more.Count)
                {
                    Current = more[_index - 1];
                    return true;
                }

                return false;
            }
        }
    }
}

using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Planning;

/// <summary>All current records and candidates for one (name, set identifier), split by record type.</summary>
internal sealed class PlanRow(string name)
{
    public string Name { get; } = name;

    public List<PlanSlot> Slots { get; } = new(2);

    public int CurrentCount { get; private set; }

    public int CandidateCount { get; private set; }

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
        if (CandidateCount <= 1)
        {
            return false;
        }

        bool cname = false, other = false;
        foreach (var slot in Slots)
        {
            if (slot.Candidates.Count == 0)
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
                CandidateCount -= slot.Candidates.Count;
                slot.Candidates = [];
            }
        }

        return true;
    }

    private PlanSlot Slot(string type)
    {
        foreach (var slot in Slots)
        {
            if (slot.Type == type)
            {
                return slot;
            }
        }

        var created = new PlanSlot(type);
        Slots.Add(created);
        return created;
    }
}

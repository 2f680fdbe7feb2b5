using System.Diagnostics.CodeAnalysis;
using ExternalDns.Core.Collections;
using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Planning;

/// <summary>
/// All current records and candidates for one (name, set identifier), split by record type: an entry of
/// <see cref="PlanTable"/>. The first type's slot is inline; further types (rare: A and AAAA of one name, a CNAME
/// beside an A) go to a small array.
/// </summary>
internal struct PlanRow : IChainEntry
{
    private PlanSlot _first;
    private PlanSlot[]? _more;
    private int _moreCount;

    public PlanRow(string name, string setIdentifier, int hash)
    {
        Name = name;
        SetIdentifier = setIdentifier;
        Hash = hash;
    }

    public string Name { get; }

    public string SetIdentifier { get; }

    /// <summary>The hash of (name, set identifier) in the table.</summary>
    public int Hash { get; }

    /// <summary>The next row in the same bucket, 1-based (0 = none).</summary>
    public int Next { get; set; }

    readonly int IChainEntry.ChainHash => Hash;

    int IChainEntry.ChainNext
    {
        readonly get => Next;
        set => Next = value;
    }

    readonly bool IChainEntry.IsLinked => true;

    public int CurrentCount { get; private set; }

    public int CandidateCount { get; private set; }

    /// <summary>The number of slots (record types seen), in the order the types were first seen.</summary>
    public readonly int SlotCount => _first.Type is null ? 0 : 1 + _moreCount;

    /// <summary>The slot at <paramref name="index"/> (0 ≤ index &lt; <see cref="SlotCount"/>).</summary>
    [UnscopedRef]
    public ref PlanSlot SlotAt(int index) => ref index == 0 ? ref _first : ref _more![index - 1];

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
        if (CandidateCount <= 1 || _moreCount == 0)
        {
            return false;
        }

        bool cname = false, other = false;
        var count = SlotCount;
        for (var i = 0; i < count; i++)
        {
            ref var slot = ref SlotAt(i);
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

        for (var i = 0; i < count; i++)
        {
            ref var slot = ref SlotAt(i);
            if (slot.Type == RecordTypes.CNAME)
            {
                CandidateCount -= slot.CandidateCount;
                slot.ClearCandidates();
            }
        }

        return true;
    }

    [UnscopedRef]
    private ref PlanSlot Slot(string type)
    {
        if (_first.Type is null)
        {
            _first = new PlanSlot(type);
            return ref _first;
        }

        if (_first.Type == type)
        {
            return ref _first;
        }

        for (var i = 0; i < _moreCount; i++)
        {
            if (_more![i].Type == type)
            {
                return ref _more[i];
            }
        }

        if (_more is null)
        {
            _more = new PlanSlot[2];
        }
        else if (_moreCount == _more.Length)
        {
            Array.Resize(ref _more, _more.Length * 2);
        }

        _more[_moreCount] = new PlanSlot(type);
        return ref _more[_moreCount++];
    }
}

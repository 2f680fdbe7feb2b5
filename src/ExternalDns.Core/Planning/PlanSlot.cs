using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Planning;

/// <summary>
/// The current record (normally at most one) and the candidates of one record type within a plan row. A struct held
/// inline in its row (the row table is one array): the first candidate is a field, lists are built only when a type
/// has several current records or candidates, so a plan of 100k names allocates no object per name.
/// </summary>
internal struct PlanSlot
{
    private List<Endpoint>? _extraCurrent;
    private Endpoint? _firstCandidate;
    private List<Endpoint>? _candidates;

    public PlanSlot(string type)
    {
        Type = type;
    }

    /// <summary>The record type; null for a slot not in use.</summary>
    public string Type { get; }

    /// <summary>The last current record added (upstream keeps the last one for the per-type decision).</summary>
    public Endpoint? Current { get; private set; }

    public readonly int CandidateCount => _candidates?.Count ?? (_firstCandidate is null ? 0 : 1);

    /// <summary>Adds every current record of this type to <paramref name="into"/>: the earlier duplicates (in order), then <see cref="Current"/>.</summary>
    public readonly void AddAllCurrentTo(List<Endpoint> into)
    {
        if (_extraCurrent is not null)
        {
            into.AddRange(_extraCurrent);
        }

        if (Current is not null)
        {
            into.Add(Current);
        }
    }

    /// <summary>The number of current records (more than one only when a provider reports duplicates).</summary>
    public readonly int CurrentCount => (_extraCurrent?.Count ?? 0) + (Current is null ? 0 : 1);

    /// <summary>The i-th current record in the order of <see cref="AddAllCurrentTo"/>.</summary>
    public readonly Endpoint CurrentAt(int index) =>
        _extraCurrent is not null && index < _extraCurrent.Count ? _extraCurrent[index] : Current!;

    public void AddCurrent(Endpoint record)
    {
        if (Current is not null)
        {
            (_extraCurrent ??= []).Add(Current);
        }

        Current = record;
    }

    public void AddCandidate(Endpoint record)
    {
        if (_firstCandidate is null && _candidates is null)
        {
            _firstCandidate = record;
            return;
        }

        if (_candidates is null)
        {
            _candidates = [_firstCandidate!];
            _firstCandidate = null;
        }

        _candidates.Add(record);
    }

    /// <summary>Drops every candidate (a CNAME discarded in favour of other types).</summary>
    public void ClearCandidates()
    {
        _firstCandidate = null;
        _candidates = null;
    }

    /// <summary>The candidate to create: the only one, or the conflict resolver's pick.</summary>
    public readonly Endpoint ResolveCreate() => _firstCandidate ?? ConflictResolver.ResolveCreate(_candidates!);

    /// <summary>The candidate to update <see cref="Current"/> with.</summary>
    public readonly Endpoint ResolveUpdate() => _firstCandidate ?? ConflictResolver.ResolveUpdate(Current!, _candidates!);
}

using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Planning;

/// <summary>
/// The current record (normally at most one) and the candidates of one record type within a plan row. The first
/// candidate is held inline: most names have exactly one, and a list per name is measurable garbage at 100k names.
/// </summary>
internal sealed class PlanSlot(string type)
{
    private List<Endpoint>? _extraCurrent;
    private Endpoint? _firstCandidate;
    private List<Endpoint>? _candidates;

    public string Type { get; } = type;

    /// <summary>The last current record added (upstream keeps the last one for the per-type decision).</summary>
    public Endpoint? Current { get; private set; }

    public int CandidateCount => _candidates?.Count ?? (_firstCandidate is null ? 0 : 1);

    /// <summary>The candidates (a list is only built when there are several).</summary>
    public IReadOnlyList<Endpoint> Candidates =>
        _candidates ?? (_firstCandidate is null ? [] : [_firstCandidate]);

    /// <summary>Every current record of this type; more than one only when a provider reports duplicates.</summary>
    public IEnumerable<Endpoint> AllCurrent
    {
        get
        {
            if (_extraCurrent is not null)
            {
                foreach (var e in _extraCurrent)
                {
                    yield return e;
                }
            }

            if (Current is not null)
            {
                yield return Current;
            }
        }
    }

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
    public Endpoint ResolveCreate() => _firstCandidate ?? ConflictResolver.ResolveCreate(_candidates!);

    /// <summary>The candidate to update <see cref="Current"/> with.</summary>
    public Endpoint ResolveUpdate() => _firstCandidate ?? ConflictResolver.ResolveUpdate(Current!, _candidates!);
}

using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Planning;

/// <summary>The current record (normally at most one) and the candidates of one record type within a plan row.</summary>
internal sealed class PlanSlot(string type)
{
    private static readonly List<Endpoint> Empty = [];

    private List<Endpoint>? _extraCurrent;

    public string Type { get; } = type;

    /// <summary>The last current record added (upstream keeps the last one for the per-type decision).</summary>
    public Endpoint? Current { get; private set; }

    public List<Endpoint> Candidates { get; set; } = Empty;

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
        if (ReferenceEquals(Candidates, Empty))
        {
            Candidates = new List<Endpoint>(1);
        }

        Candidates.Add(record);
    }
}

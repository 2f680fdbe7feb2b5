namespace ExternalDns.Testing.Route53;

/// <summary>Fault injection: the next N calls (of one operation, or any) fail with the given kind; responses can be delayed.</summary>
public sealed class Route53Faults
{
    private readonly Lock _lock = new();
    private readonly List<Pending> _pending = [];

    /// <summary>Delay added before every response.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>The next <paramref name="count"/> calls of <paramref name="operation"/> (any operation when null) fail.</summary>
    public void FailNext(int count, Route53FaultKind kind, string? operation = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_lock)
        {
            _pending.Add(new Pending { Remaining = count, Kind = kind, Operation = operation });
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _pending.Clear();
            Delay = TimeSpan.Zero;
        }
    }

    internal Route53FaultKind? Take(string operation)
    {
        lock (_lock)
        {
            foreach (var p in _pending)
            {
                if (p.Remaining > 0 && (p.Operation is null || p.Operation == operation))
                {
                    p.Remaining--;
                    return p.Kind;
                }
            }

            _pending.RemoveAll(p => p.Remaining == 0);
            return null;
        }
    }

    private sealed class Pending
    {
        public int Remaining { get; set; }

        public Route53FaultKind Kind { get; init; }

        public string? Operation { get; init; }
    }
}

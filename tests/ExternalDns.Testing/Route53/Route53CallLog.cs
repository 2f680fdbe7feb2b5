namespace ExternalDns.Testing.Route53;

/// <summary>Calls received per operation (every call counts: refused, faulted and successful ones), and every accepted change batch.</summary>
public sealed class Route53CallLog
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly List<Route53ChangeBatchRecord> _batches = [];

    public int Count(string operation)
    {
        lock (_lock)
        {
            return _counts.GetValueOrDefault(operation);
        }
    }

    public int Total
    {
        get
        {
            lock (_lock)
            {
                return _counts.Values.Sum();
            }
        }
    }

    /// <summary>Change batches that were applied (not the rejected ones), in order.</summary>
    public IReadOnlyList<Route53ChangeBatchRecord> AppliedBatches
    {
        get
        {
            lock (_lock)
            {
                return [.. _batches];
            }
        }
    }

    public IReadOnlyDictionary<string, int> Snapshot()
    {
        lock (_lock)
        {
            return new Dictionary<string, int>(_counts, StringComparer.Ordinal);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _counts.Clear();
            _batches.Clear();
        }
    }

    internal void Add(string operation)
    {
        lock (_lock)
        {
            _counts[operation] = _counts.GetValueOrDefault(operation) + 1;
        }
    }

    internal void AddBatch(Route53ChangeBatchRecord batch)
    {
        lock (_lock)
        {
            _batches.Add(batch);
        }
    }
}

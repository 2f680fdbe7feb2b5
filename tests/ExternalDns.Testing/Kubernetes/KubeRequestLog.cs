namespace ExternalDns.Testing.Kubernetes;

/// <summary>Every request the emulator received, in order, including those answered with an injected failure or 401.</summary>
public sealed class KubeRequestLog
{
    private readonly Lock _lock = new();
    private readonly List<KubeRequestRecord> _records = [];

    public IReadOnlyList<KubeRequestRecord> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _records];
            }
        }
    }

    /// <summary>How many requests had this Kubernetes verb (any, when null) and a path starting with
    /// <paramref name="pathPrefix"/> (any, when null).</summary>
    public int Count(string? verb = null, string? pathPrefix = null)
    {
        lock (_lock)
        {
            return _records.Count(r =>
                (verb is null || r.Verb.Equals(verb, StringComparison.OrdinalIgnoreCase))
                && (pathPrefix is null || r.Path.StartsWith(pathPrefix, StringComparison.Ordinal)));
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _records.Clear();
        }
    }

    internal void Add(KubeRequestRecord record)
    {
        lock (_lock)
        {
            _records.Add(record);
        }
    }
}

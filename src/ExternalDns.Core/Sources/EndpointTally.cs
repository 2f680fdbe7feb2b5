namespace ExternalDns.Core.Sources;

/// <summary>
/// Endpoint counts by record type and source type, the labels of upstream's <c>external_dns_source_invalid_endpoints</c>
/// and <c>external_dns_source_deduplicated_endpoints</c> gauges. Not thread-safe: filled while one view is built.
/// </summary>
public sealed class EndpointTally
{
    private readonly Dictionary<(string RecordType, string SourceType), int> _counts = [];

    /// <summary>The sum of every count.</summary>
    public int Total => _counts.Values.Sum();

    /// <summary>Every (record type, source type) pair with its count, sorted.</summary>
    public IReadOnlyList<KeyValuePair<(string RecordType, string SourceType), int>> Counts =>
        [.. _counts.OrderBy(kv => kv.Key.RecordType, StringComparer.Ordinal).ThenBy(kv => kv.Key.SourceType, StringComparer.Ordinal)];

    /// <summary>The count of one pair (0 when absent).</summary>
    public int this[string recordType, string sourceType] => _counts.GetValueOrDefault((recordType, sourceType));

    public void Add(string recordType, string sourceType, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(recordType);
        ArgumentNullException.ThrowIfNull(sourceType);
        _counts[(recordType, sourceType)] = _counts.GetValueOrDefault((recordType, sourceType)) + count;
    }

    public void Add(EndpointTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var ((recordType, sourceType), count) in other._counts)
        {
            Add(recordType, sourceType, count);
        }
    }
}

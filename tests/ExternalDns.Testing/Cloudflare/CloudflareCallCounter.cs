using System.Collections.Concurrent;

namespace ExternalDns.Testing.Cloudflare;

/// <summary>
/// Calls received by <see cref="CloudflareApiServer"/>, per operation (every call counts, failed and rejected ones
/// too): <c>zones.list</c>, <c>zones.get</c>, <c>dns_records.list</c>, <c>dns_records.get</c>,
/// <c>dns_records.create</c>, <c>dns_records.update</c> (PUT), <c>dns_records.edit</c> (PATCH),
/// <c>dns_records.delete</c>, <c>dns_records.batch</c>, <c>custom_hostnames.list</c>, <c>custom_hostnames.get</c>,
/// <c>custom_hostnames.create</c>, <c>custom_hostnames.delete</c>, <c>regional_hostnames.list</c>,
/// <c>regional_hostnames.get</c>, <c>regional_hostnames.create</c>, <c>regional_hostnames.edit</c>,
/// <c>regional_hostnames.delete</c>; <c>unknown</c> for paths that route nowhere.
/// </summary>
public sealed class CloudflareCallCounter
{
    public const string ZonesList = "zones.list";
    public const string ZonesGet = "zones.get";
    public const string RecordsList = "dns_records.list";
    public const string RecordsGet = "dns_records.get";
    public const string RecordsCreate = "dns_records.create";
    public const string RecordsUpdate = "dns_records.update";
    public const string RecordsEdit = "dns_records.edit";
    public const string RecordsDelete = "dns_records.delete";
    public const string RecordsBatch = "dns_records.batch";
    public const string CustomHostnamesList = "custom_hostnames.list";
    public const string CustomHostnamesGet = "custom_hostnames.get";
    public const string CustomHostnamesCreate = "custom_hostnames.create";
    public const string CustomHostnamesDelete = "custom_hostnames.delete";
    public const string RegionalHostnamesList = "regional_hostnames.list";
    public const string RegionalHostnamesGet = "regional_hostnames.get";
    public const string RegionalHostnamesCreate = "regional_hostnames.create";
    public const string RegionalHostnamesEdit = "regional_hostnames.edit";
    public const string RegionalHostnamesDelete = "regional_hostnames.delete";
    public const string Unknown = "unknown";

    private static readonly HashSet<string> WriteOperations =
    [
        RecordsCreate, RecordsUpdate, RecordsEdit, RecordsDelete, RecordsBatch, CustomHostnamesCreate, CustomHostnamesDelete,
        RegionalHostnamesCreate, RegionalHostnamesEdit, RegionalHostnamesDelete,
    ];

    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _sequence = new();

    public int this[string operation] => _counts.TryGetValue(operation, out var n) ? n : 0;

    public int Total => _counts.Values.Sum();

    /// <summary>Calls of operations that change state (record, custom hostname and regional hostname writes).</summary>
    public int Writes => _counts.Where(kv => WriteOperations.Contains(kv.Key)).Sum(kv => kv.Value);

    /// <summary>Every call's operation, in arrival order.</summary>
    public IReadOnlyList<string> Sequence => [.. _sequence];

    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_counts, StringComparer.Ordinal);

    public void Reset()
    {
        _counts.Clear();
        _sequence.Clear();
    }

    internal void Add(string operation)
    {
        _counts.AddOrUpdate(operation, 1, (_, n) => n + 1);
        _sequence.Enqueue(operation);
    }
}

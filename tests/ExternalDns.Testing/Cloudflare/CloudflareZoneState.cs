namespace ExternalDns.Testing.Cloudflare;

/// <summary>
/// One zone's state: records (by id and by name, for the conflict checks), custom hostnames and regional hostnames.
/// Record changes can be recorded in an undo log, so that a failed batch is rolled back as a whole. Not thread-safe:
/// the server holds its lock around every use.
/// </summary>
internal sealed class CloudflareZoneState(CloudflareStoredZone zone)
{
    private readonly Dictionary<string, CloudflareStoredRecord> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<CloudflareStoredRecord>> _byName = new(StringComparer.Ordinal);
    private List<(CloudflareStoredRecord? Before, CloudflareStoredRecord? After)>? _undo;
    private CloudflareStoredRecord[]? _sorted;

    public CloudflareStoredZone Zone { get; } = zone;

    public List<CloudflareStoredCustomHostname> CustomHostnames { get; } = [];

    public List<CloudflareStoredRegionalHostname> RegionalHostnames { get; } = [];

    public int RecordCount => _byId.Count;

    /// <summary>Records in list order (type, name, content, id), cached until the next change.</summary>
    public CloudflareStoredRecord[] Sorted => _sorted ??= [.. _byId.Values
        .OrderBy(r => r.Type, StringComparer.Ordinal)
        .ThenBy(r => r.Name, StringComparer.Ordinal)
        .ThenBy(r => r.Content, StringComparer.Ordinal)
        .ThenBy(r => r.Id, StringComparer.Ordinal)];

    public CloudflareStoredRecord? Find(string id) => _byId.GetValueOrDefault(id);

    public IReadOnlyList<CloudflareStoredRecord> AtName(string name) => _byName.TryGetValue(name, out var list) ? list : [];

    public void Insert(CloudflareStoredRecord record)
    {
        CloudflareRecordRules.CheckConflicts(record, AtName(record.Name));
        Put(record);
        _undo?.Add((null, record));
    }

    public void Replace(CloudflareStoredRecord before, CloudflareStoredRecord after)
    {
        var others = after.Name == before.Name ? AtName(after.Name) : AtName(after.Name).Concat([before]);
        CloudflareRecordRules.CheckConflicts(after, others.Where(r => r.Id != before.Id));
        Remove(before);
        Put(after);
        _undo?.Add((before, after));
    }

    public void Delete(CloudflareStoredRecord record)
    {
        Remove(record);
        _undo?.Add((record, null));
    }

    /// <summary>Starts recording changes for <see cref="Rollback"/>.</summary>
    public void BeginTransaction() => _undo = [];

    public void Commit() => _undo = null;

    public void Rollback()
    {
        if (_undo is null)
        {
            return;
        }

        for (var i = _undo.Count - 1; i >= 0; i--)
        {
            var (before, after) = _undo[i];
            if (after is not null)
            {
                Remove(after);
            }

            if (before is not null)
            {
                Put(before);
            }
        }

        _undo = null;
    }

    private void Put(CloudflareStoredRecord record)
    {
        _byId[record.Id] = record;
        if (!_byName.TryGetValue(record.Name, out var list))
        {
            _byName[record.Name] = list = [];
        }

        list.Add(record);
        _sorted = null;
    }

    private void Remove(CloudflareStoredRecord record)
    {
        _byId.Remove(record.Id);
        if (_byName.TryGetValue(record.Name, out var list))
        {
            list.RemoveAll(r => r.Id == record.Id);
            if (list.Count == 0)
            {
                _byName.Remove(record.Name);
            }
        }

        _sorted = null;
    }
}

namespace ExternalDns.Providers.Aws;

/// <summary>
/// Packs changes into Route53 change batches within the count, bytes and values limits, never splitting a group (a
/// record and its ownership TXT, or the delete and create of one record): upstream's <c>batchChangeSet</c>. A group
/// that alone exceeds a limit is returned in <c>oversized</c>. Within a batch, deletes come first, then upserts, then
/// creates (a delete frees a name that a create in the same batch takes).
/// </summary>
internal static class AwsBatches
{
    public static List<List<AwsPendingChange>> Chunk(IReadOnlyList<AwsPendingChange> changes, int maxChanges, int maxBytes, int maxValues, out List<List<AwsPendingChange>> oversized)
    {
        oversized = [];
        var batches = new List<List<AwsPendingChange>>();
        var current = new List<AwsPendingChange>();
        int bytes = 0, values = 0;
        foreach (var group in Groups(changes))
        {
            var groupBytes = group.Sum(c => c.Bytes);
            var groupValues = group.Sum(c => c.Values);
            if (group.Count > maxChanges || groupBytes > maxBytes || groupValues > maxValues)
            {
                oversized.Add(group);
                continue;
            }

            if (current.Count + group.Count > maxChanges || bytes + groupBytes > maxBytes || values + groupValues > maxValues)
            {
                batches.Add(Sorted(current));
                current = [];
                bytes = values = 0;
            }

            current.AddRange(group);
            bytes += groupBytes;
            values += groupValues;
        }

        if (current.Count > 0)
        {
            batches.Add(Sorted(current));
        }

        return batches;
    }

    /// <summary>The groups of a batch, in order (for splitting a rejected batch on group boundaries).</summary>
    public static List<List<AwsPendingChange>> Groups(IEnumerable<AwsPendingChange> changes) =>
        [.. changes.GroupBy(c => c.Group, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToList())];

    private static List<AwsPendingChange> Sorted(List<AwsPendingChange> batch) =>
        [.. batch
            .OrderBy(c => c.Change.Action switch { Api.ChangeAction.Delete => 0, Api.ChangeAction.Upsert => 1, _ => 2 })
            .ThenBy(c => c.Change.RecordSet.Name, StringComparer.Ordinal)
            .ThenBy(c => c.Change.RecordSet.Type, StringComparer.Ordinal)];
}

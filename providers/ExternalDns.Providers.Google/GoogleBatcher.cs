namespace ExternalDns.Providers.Google;

/// <summary>
/// Batching for Cloud DNS changes, in the shape of the shared batching helper (SEAM §3) so that it can be swapped for
/// it: groups are never split, batches stay within the change and byte limits, and a rejected batch is halved on
/// group boundaries down to single groups, so every valid group lands.
/// </summary>
internal static class GoogleBatcher
{
    /// <summary>Packs the groups of <paramref name="items"/> in order into batches of at most
    /// <paramref name="maxChanges"/> items and <paramref name="maxBytes"/> record data bytes; a group that alone exceeds
    /// a limit goes to <paramref name="oversized"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<GoogleChangeItem>> Chunk(
        IEnumerable<GoogleChangeItem> items, int maxChanges, int maxBytes, out IReadOnlyList<GoogleChangeItem> oversized)
    {
        var tooBig = new List<GoogleChangeItem>();
        var batches = new List<IReadOnlyList<GoogleChangeItem>>();
        var current = new List<GoogleChangeItem>();
        var currentBytes = 0;
        foreach (var group in Groups(items))
        {
            var bytes = group.Sum(i => i.DataBytes);
            if (group.Count > maxChanges || bytes > maxBytes)
            {
                tooBig.AddRange(group);
                continue;
            }

            if (current.Count + group.Count > maxChanges || currentBytes + bytes > maxBytes)
            {
                batches.Add(current);
                current = [];
                currentBytes = 0;
            }

            current.AddRange(group);
            currentBytes += bytes;
        }

        if (current.Count > 0)
        {
            batches.Add(current);
        }

        oversized = tooBig;
        return batches;
    }

    /// <summary>Applies the batches in order, pausing between calls; a batch refused with an exception for which
    /// <paramref name="isInvalid"/> holds is split in halves (on group boundaries) and each half retried, down to single
    /// groups. Other exceptions propagate.</summary>
    public static async Task<GoogleBatchResult> ApplyAsync(
        IReadOnlyList<IReadOnlyList<GoogleChangeItem>> batches,
        Func<IReadOnlyList<GoogleChangeItem>, CancellationToken, Task> apply,
        Func<Exception, bool> isInvalid,
        TimeSpan pause,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var result = new GoogleBatchResult();
        var pending = new Stack<IReadOnlyList<GoogleChangeItem>>(batches.Reverse());
        var first = true;
        while (pending.Count > 0)
        {
            var batch = pending.Pop();
            if (!first && pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
            }

            first = false;
            result.Calls++;
            try
            {
                await apply(batch, cancellationToken).ConfigureAwait(false);
                result.Applied.AddRange(batch);
            }
            catch (Exception ex) when (isInvalid(ex))
            {
                var groups = Groups(batch);
                if (groups.Count == 1)
                {
                    result.Rejected.Add((batch, ex.Message));
                    continue;
                }

                var half = groups.Count / 2;
                pending.Push([.. groups.Skip(half).SelectMany(g => g)]);
                pending.Push([.. groups.Take(half).SelectMany(g => g)]);
            }
        }

        return result;
    }

    private static List<List<GoogleChangeItem>> Groups(IEnumerable<GoogleChangeItem> items)
    {
        var order = new List<List<GoogleChangeItem>>();
        var byKey = new Dictionary<string, List<GoogleChangeItem>>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!byKey.TryGetValue(item.Group, out var group))
            {
                group = [];
                byKey[item.Group] = group;
                order.Add(group);
            }

            group.Add(item);
        }

        return order;
    }
}

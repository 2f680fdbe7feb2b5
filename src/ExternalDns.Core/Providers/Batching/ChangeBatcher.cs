using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Providers.Batching;

/// <summary>
/// Cuts a provider's changes into API calls and applies them. Items are grouped by a key — a record and its ownership
/// TXT share one (<see cref="OwnershipKey"/>) — and a group is never split across calls, so a record never lands
/// without its TXT or the other way round.
/// </summary>
public static class ChangeBatcher
{
    /// <summary>
    /// The grouping key of a record and its TXT ownership record: the TXT's <c>ownedRecord</c> label (the name of the
    /// record it owns), else the endpoint's own name; normalised (lower case, no trailing dot).
    /// </summary>
    public static string OwnershipKey(Endpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var name = endpoint.Labels.TryGetValue(Labels.OwnedRecordKey, out var owned) && !string.IsNullOrWhiteSpace(owned) ? owned : endpoint.DnsName;
        return DnsNames.Normalize(name);
    }

    /// <summary>
    /// Groups <paramref name="items"/> by <paramref name="groupKey"/> (groups in the order of their first item, items in
    /// their order) and packs whole groups, in order, into batches within <paramref name="limits"/>. A group that
    /// alone exceeds a limit is not batched: its items go to <paramref name="oversized"/> (the caller warns and skips them).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<T>> Chunk<T>(
        IEnumerable<T> items,
        Func<T, string> groupKey,
        Func<T, BatchCost> cost,
        BatchLimits limits,
        out IReadOnlyList<T> oversized)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(groupKey);
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(limits);
        if (limits.MaxChanges < 1 || limits.MaxBytes < 1 || limits.MaxValues < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(limits), limits, "every batch limit must be at least 1");
        }

        var batches = new List<IReadOnlyList<T>>();
        var tooLarge = new List<T>();
        var current = new List<T>();
        Total currentCost = default;
        foreach (var group in Group(items, groupKey))
        {
            Total groupCost = default;
            foreach (var item in group)
            {
                var c = cost(item);
                if (c.Changes < 0 || c.Bytes < 0 || c.Values < 0)
                {
                    throw new ArgumentException($"the cost of an item must not be negative (got {c})", nameof(cost));
                }

                groupCost += c;
            }

            if (groupCost.Exceeds(limits))
            {
                tooLarge.AddRange(group);
                continue;
            }

            if (current.Count > 0 && (currentCost + groupCost).Exceeds(limits))
            {
                batches.Add(current);
                current = [];
                currentCost = default;
            }

            current.AddRange(group);
            currentCost += groupCost;
        }

        if (current.Count > 0)
        {
            batches.Add(current);
        }

        oversized = tooLarge;
        return batches;
    }

    /// <summary>
    /// Applies <paramref name="batches"/> in order, one <paramref name="apply"/> call each. When a call throws an
    /// exception for which <paramref name="isInvalid"/> is true (the provider refused the batch's content), the batch's
    /// groups are split in two halves, each applied (and split again if refused) down to single groups; a single group
    /// that is still refused is reported in <see cref="BatchApplyResult{T}.Rejected"/> with the error message. So every
    /// valid group lands, in <c>O(invalid × log groups)</c> extra calls. Any other exception (transient, configuration,
    /// cancellation) propagates at once. <paramref name="pause"/> is awaited on <paramref name="time"/> before every
    /// call but the first (<c>--batch-change-interval</c>).
    /// </summary>
    public static async Task<BatchApplyResult<T>> ApplyAsync<T>(
        IReadOnlyList<IReadOnlyList<T>> batches,
        Func<T, string> groupKey,
        Func<IReadOnlyList<T>, CancellationToken, Task> apply,
        Func<Exception, bool> isInvalid,
        TimeSpan pause,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(groupKey);
        ArgumentNullException.ThrowIfNull(apply);
        ArgumentNullException.ThrowIfNull(isInvalid);
        ArgumentNullException.ThrowIfNull(time);

        var applied = new List<T>();
        var rejected = new List<(IReadOnlyList<T> Group, string Error)>();
        var calls = 0;
        foreach (var batch in batches)
        {
            if (batch.Count > 0)
            {
                await ApplyOrSplitAsync(Group(batch, groupKey)).ConfigureAwait(false);
            }
        }

        return new BatchApplyResult<T>(applied, rejected, calls);

        async Task ApplyOrSplitAsync(IReadOnlyList<List<T>> groups)
        {
            var items = groups.Count == 1 ? groups[0] : groups.SelectMany(g => g).ToList();
            if (calls > 0 && pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            calls++;
            try
            {
                await apply(items, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException && isInvalid(e))
            {
                if (groups.Count == 1)
                {
                    rejected.Add((items, e.Message));
                    return;
                }

                var half = groups.Count / 2;
                await ApplyOrSplitAsync(groups.Take(half).ToList()).ConfigureAwait(false);
                await ApplyOrSplitAsync(groups.Skip(half).ToList()).ConfigureAwait(false);
                return;
            }

            applied.AddRange(items);
        }
    }

    private static List<List<T>> Group<T>(IEnumerable<T> items, Func<T, string> groupKey)
    {
        var groups = new List<List<T>>();
        var index = new Dictionary<string, List<T>>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var key = groupKey(item) ?? throw new ArgumentException("the group key of an item must not be null", nameof(groupKey));
            if (!index.TryGetValue(key, out var group))
            {
                index[key] = group = [];
                groups.Add(group);
            }

            group.Add(item);
        }

        return groups;
    }

    private readonly record struct Total(long Changes, long Bytes, long Values)
    {
        public static Total operator +(Total a, BatchCost b) => new(a.Changes + b.Changes, a.Bytes + b.Bytes, a.Values + b.Values);

        public static Total operator +(Total a, Total b) => new(a.Changes + b.Changes, a.Bytes + b.Bytes, a.Values + b.Values);

        public bool Exceeds(BatchLimits limits) => Changes > limits.MaxChanges || Bytes > limits.MaxBytes || Values > limits.MaxValues;
    }
}

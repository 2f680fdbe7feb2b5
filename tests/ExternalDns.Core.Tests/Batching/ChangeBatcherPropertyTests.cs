using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Batching;
using ExternalDns.Testing;

namespace ExternalDns.Core.Tests.Batching;

/// <summary>Properties of <see cref="ChangeBatcher"/> over seeded random change sets (the failing seed is in the message).</summary>
public sealed class ChangeBatcherPropertyTests
{
    private const int Runs = 200;

    [Fact]
    public void Chunk_loses_nothing_duplicates_nothing_never_splits_a_group_and_respects_the_limits()
    {
        ForEachSeed(seed =>
        {
            var random = new Random(seed);
            var items = RandomItems(random, out _);
            var limits = RandomLimits(random);

            var batches = ChangeBatcher.Chunk(items, i => i.Group, i => i.Cost, limits, out var oversized);

            // Nothing lost, nothing duplicated.
            var seen = batches.SelectMany(b => b).Concat(oversized).Select(i => i.Id).ToList();
            Assert.Equal(items.Select(i => i.Id).Order(), seen.Order());

            // No group split: each group lives in exactly one batch, or entirely among the oversized.
            foreach (var group in items.GroupBy(i => i.Group))
            {
                var places = batches.Select((b, n) => (b, n)).Where(x => x.b.Any(i => i.Group == group.Key)).Select(x => x.n).ToList();
                var inOversized = oversized.Count(i => i.Group == group.Key);
                Assert.True(
                    (places.Count == 1 && inOversized == 0 && batches[places[0]].Count(i => i.Group == group.Key) == group.Count())
                    || (places.Count == 0 && inOversized == group.Count()),
                    $"group {group.Key} is split");

                // Oversized exactly when the group alone exceeds a limit.
                Assert.Equal(Exceeds(group, limits), inOversized > 0);
            }

            // Limits never exceeded; no batch is empty.
            Assert.All(batches, b => Assert.False(Exceeds(b, limits)));
            Assert.All(batches, b => Assert.NotEmpty(b));

            // Order kept: groups by first appearance, items in their order.
            var expected = items.GroupBy(i => i.Group).Where(g => !Exceeds(g, limits)).SelectMany(g => g).Select(i => i.Id);
            Assert.Equal(expected, batches.SelectMany(b => b).Select(i => i.Id));

            // Packed greedily: the next batch's first group would not have fitted in the previous batch.
            for (var n = 1; n < batches.Count; n++)
            {
                var firstGroup = batches[n][0].Group;
                Assert.True(Exceeds(batches[n - 1].Concat(batches[n].Where(i => i.Group == firstGroup)), limits), "a batch was closed too early");
            }
        });
    }

    [Fact]
    public async Task Apply_lands_every_valid_change_reports_every_invalid_group_and_bounds_the_calls()
    {
        await ForEachSeedAsync(async seed =>
        {
            var random = new Random(seed);
            var items = RandomItems(random, out var invalidGroups);
            var limits = RandomLimits(random);
            var batches = ChangeBatcher.Chunk(items, i => i.Group, i => i.Cost, limits, out var oversized);
            var sent = new List<IReadOnlyList<Item>>();

            var result = await ChangeBatcher.ApplyAsync(
                batches,
                i => i.Group,
                (batch, _) =>
                {
                    sent.Add([.. batch]);
                    return batch.Any(i => i.Invalid)
                        ? Task.FromException(new InvalidChangeException($"refused: {string.Join(",", batch.Where(i => i.Invalid).Select(i => i.Group).Distinct())}"))
                        : Task.CompletedTask;
                },
                e => e is InvalidChangeException,
                TimeSpan.Zero,
                TimeProvider.System,
                CancellationToken.None);

            var batched = batches.SelectMany(b => b).ToList();
            var validIds = batched.Where(i => !invalidGroups.Contains(i.Group)).Select(i => i.Id).Order().ToList();
            Assert.Equal(validIds, result.Applied.Select(i => i.Id).Order());

            var rejectedGroups = result.Rejected.Select(r => r.Group[0].Group).ToList();
            Assert.Equal(batched.Select(i => i.Group).Distinct().Where(invalidGroups.Contains).Order(), rejectedGroups.Order());
            Assert.All(result.Rejected, r => Assert.Equal(batched.Where(i => i.Group == r.Group[0].Group).Select(i => i.Id), r.Group.Select(i => i.Id)));
            Assert.All(result.Rejected, r => Assert.Contains(r.Group[0].Group, r.Error, StringComparison.Ordinal));

            // Every call: within the limits, no group split, a part of one batch.
            Assert.Equal(sent.Count, result.Calls);
            foreach (var call in sent)
            {
                Assert.False(Exceeds(call, limits));
                foreach (var group in call.GroupBy(i => i.Group))
                {
                    Assert.Equal(batched.Count(i => i.Group == group.Key), group.Count());
                }
            }

            // O(invalid × log n): per batch at most 1 + 2 × invalid groups × ceil(log2 groups) calls.
            var bound = batches.Sum(b =>
            {
                var groups = b.Select(i => i.Group).Distinct().Count();
                var invalid = b.Select(i => i.Group).Distinct().Count(invalidGroups.Contains);
                return 1 + (2 * invalid * (int)Math.Ceiling(Math.Log2(Math.Max(groups, 1))));
            });
            Assert.InRange(result.Calls, batches.Count, bound);
            if (invalidGroups.Count == 0)
            {
                Assert.Equal(batches.Count, result.Calls);
            }

            Assert.DoesNotContain(oversized, i => result.Applied.Contains(i));
        });
    }

    [Fact]
    public async Task A_transient_failure_propagates_without_splitting()
    {
        var items = Enumerable.Range(0, 10).Select(i => new Item(i, $"g{i}", new BatchCost(1, 10, 1), false)).ToList();
        var batches = ChangeBatcher.Chunk(items, i => i.Group, i => i.Cost, new BatchLimits(4), out _);
        var calls = 0;

        await Assert.ThrowsAsync<ProviderTransientException>(() => ChangeBatcher.ApplyAsync(
            batches,
            i => i.Group,
            (_, _) => ++calls == 2 ? throw new ProviderTransientException("throttled") : Task.CompletedTask,
            e => e is InvalidChangeException,
            TimeSpan.Zero,
            TimeProvider.System,
            CancellationToken.None));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task The_pause_is_awaited_between_calls_on_the_clock()
    {
        var time = new FakeTimeProvider();
        var items = Enumerable.Range(0, 8).Select(i => new Item(i, $"g{i}", new BatchCost(1, 1, 1), i == 5)).ToList();
        var batches = ChangeBatcher.Chunk(items, i => i.Group, i => i.Cost, new BatchLimits(4), out _);
        var callTimes = new List<DateTimeOffset>();

        var run = ChangeBatcher.ApplyAsync(
            batches,
            i => i.Group,
            (batch, _) =>
            {
                callTimes.Add(time.GetUtcNow());
                return batch.Any(i => i.Invalid) ? Task.FromException(new InvalidChangeException("no")) : Task.CompletedTask;
            },
            e => e is InvalidChangeException,
            TimeSpan.FromSeconds(1),
            time,
            CancellationToken.None);
        var waits = new List<TimeSpan>();
        var result = await time.DriveAsync(run, waits);

        // [0-3] ok, [4-7] refused, [4,5] refused, [6,7] ok, [4] ok, [5] refused.
        Assert.Equal(6, result.Calls);
        Assert.Equal(Enumerable.Repeat(TimeSpan.FromSeconds(1), 5), waits);
        Assert.Equal(Enumerable.Range(0, 6).Select(n => time.GetUtcNow() - TimeSpan.FromSeconds(5 - n)), callTimes);
        Assert.Equal([5], result.Rejected.Single().Group.Select(i => i.Id));
    }

    [Fact]
    public void Invalid_limits_and_costs_are_rejected()
    {
        Item[] items = [new(1, "a", new BatchCost(-1, 0, 0), false)];
        Assert.Throws<ArgumentOutOfRangeException>(() => ChangeBatcher.Chunk(items, i => i.Group, i => i.Cost, new BatchLimits(0), out _));
        Assert.Throws<ArgumentException>(() => ChangeBatcher.Chunk(items, i => i.Group, i => i.Cost, new BatchLimits(5), out _));
    }

    private static List<Item> RandomItems(Random random, out HashSet<string> invalidGroups)
    {
        var items = new List<Item>();
        invalidGroups = [];
        var groupCount = random.Next(0, 120);
        var invalidRate = random.Next(0, 4) switch { 0 => 0.0, 1 => 0.02, 2 => 0.1, _ => 0.5 };
        var keys = Enumerable.Range(0, groupCount).Select(g => $"name{g}.example.org").ToList();
        var id = 0;
        var pending = new List<Item>();
        foreach (var key in keys)
        {
            var invalid = random.NextDouble() < invalidRate;
            if (invalid)
            {
                invalidGroups.Add(key);
            }

            // A record, its TXT, and sometimes a third change (an update's old and new) of the same group.
            var size = random.Next(1, 4);
            for (var k = 0; k < size; k++)
            {
                var big = random.NextDouble() < 0.03;
                pending.Add(new Item(id++, key, new BatchCost(1, big ? random.Next(500, 3000) : random.Next(20, 300), big ? random.Next(10, 60) : random.Next(1, 5)), invalid));
            }
        }

        // Interleave: a group's items need not be adjacent in the input (deletes first, then creates …).
        foreach (var item in pending.OrderBy(i => random.Next(0, 3)).ThenBy(i => i.Id))
        {
            items.Add(item);
        }

        return items;
    }

    private static BatchLimits RandomLimits(Random random) => new(
        random.Next(1, 60),
        random.NextDouble() < 0.3 ? int.MaxValue : random.Next(200, 4000),
        random.NextDouble() < 0.3 ? int.MaxValue : random.Next(5, 80));

    private static bool Exceeds(IEnumerable<Item> items, BatchLimits limits)
    {
        long changes = 0, bytes = 0, values = 0;
        foreach (var i in items)
        {
            changes += i.Cost.Changes;
            bytes += i.Cost.Bytes;
            values += i.Cost.Values;
        }

        return changes > limits.MaxChanges || bytes > limits.MaxBytes || values > limits.MaxValues;
    }

    private static void ForEachSeed(Action<int> property)
    {
        for (var seed = 0; seed < Runs; seed++)
        {
            try
            {
                property(seed);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"seed {seed}: {e.Message}");
            }
        }
    }

    private static async Task ForEachSeedAsync(Func<int, Task> property)
    {
        for (var seed = 0; seed < Runs; seed++)
        {
            try
            {
                await property(seed);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"seed {seed}: {e.Message}");
            }
        }
    }

    public sealed record Item(int Id, string Group, BatchCost Cost, bool Invalid);
}

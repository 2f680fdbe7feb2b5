using System.Buffers;

namespace ExternalDns.Core.Collections;

/// <summary>
/// The storage of a hash table whose entries are structs in one array, in insertion order, chained per bucket by index
/// (latest added first). Against a dictionary of small objects this saves an object and a dictionary entry per key (at
/// 100k keys: a few large arrays the GC does not trace object by object). The arrays are rented from the shared pool,
/// since at 10k+ entries they are large-object-heap sized and a fresh one per reconcile drives full collections;
/// <see cref="Release"/> clears the entries in use and returns them. Lookup (hash and key comparison) is the owner's:
/// walk from <see cref="First"/> through <see cref="IChainEntry.ChainNext"/> − 1.
/// </summary>
internal sealed class PooledHashChains<T>
    where T : struct, IChainEntry
{
    private T[] _entries;
    private int[] _buckets;
    private int _bucketMask;

    public PooledHashChains(int capacity)
    {
        capacity = Math.Max(capacity, 8);
        _entries = ArrayPool<T>.Shared.Rent(capacity);
        _buckets = RentBuckets(capacity, out _bucketMask);
    }

    /// <summary>Slots used (linked or unlinked), in insertion order.</summary>
    public int Used { get; private set; }

    /// <summary>The entry at <paramref name="index"/>; the reference is valid until the next entry is appended.</summary>
    public ref T this[int index] => ref _entries[index];

    /// <summary>The latest entry of the bucket of <paramref name="hash"/>, or -1.</summary>
    public int First(int hash) => _buckets[hash & _bucketMask] - 1;

    /// <summary>Appends <paramref name="entry"/> at the head of its bucket's chain and returns its index.</summary>
    public int Append(in T entry)
    {
        if (Used == _entries.Length)
        {
            Grow();
        }

        var index = Used++;
        ref var slot = ref _entries[index];
        slot = entry;
        Link(ref slot, index);
        return index;
    }

    /// <summary>Unlinks the entry at <paramref name="index"/> and clears its slot (not reused). False when it was not linked.</summary>
    public bool Unlink(int index)
    {
        var bucket = _entries[index].ChainHash & _bucketMask;
        var previous = -1;
        for (var i = _buckets[bucket] - 1; i >= 0; previous = i, i = _entries[i].ChainNext - 1)
        {
            if (i != index)
            {
                continue;
            }

            var next = _entries[i].ChainNext;
            if (previous < 0)
            {
                _buckets[bucket] = next;
            }
            else
            {
                _entries[previous].ChainNext = next;
            }

            _entries[i] = default;
            return true;
        }

        return false;
    }

    /// <summary>Returns the arrays to the pool (entries cleared: nothing stays referenced); unusable after.</summary>
    public void Release()
    {
        Array.Clear(_entries, 0, Used);
        ArrayPool<T>.Shared.Return(_entries);
        ArrayPool<int>.Shared.Return(_buckets);
        _entries = [];
        _buckets = [];
        Used = 0;
    }

    private void Link(ref T entry, int index)
    {
        ref var bucket = ref _buckets[entry.ChainHash & _bucketMask];
        entry.ChainNext = bucket;
        bucket = index + 1;
    }

    /// <summary>A cleared power-of-two bucket array of at least <paramref name="capacity"/> buckets.</summary>
    private static int[] RentBuckets(int capacity, out int mask)
    {
        var n = 8;
        while (n < capacity)
        {
            n *= 2;
        }

        var buckets = ArrayPool<int>.Shared.Rent(n);
        Array.Clear(buckets, 0, n);
        mask = n - 1;
        return buckets;
    }

    private void Grow()
    {
        var entries = ArrayPool<T>.Shared.Rent(_entries.Length * 2);
        Array.Copy(_entries, entries, Used);
        Array.Clear(_entries, 0, Used);
        ArrayPool<T>.Shared.Return(_entries);
        _entries = entries;
        ArrayPool<int>.Shared.Return(_buckets);
        _buckets = RentBuckets(_entries.Length, out _bucketMask);

        // Re-linked in insertion order, each at its bucket's head: the latest-first order of every chain is kept.
        for (var i = 0; i < Used; i++)
        {
            ref var entry = ref _entries[i];
            if (entry.IsLinked)
            {
                Link(ref entry, i);
            }
        }
    }
}

using System.Buffers;

namespace ExternalDns.Core.Registry;

/// <summary>
/// The TXT registry's ownership TXTs, keyed by the record name they stand for (a slice of the lower-cased TXT name, no
/// substring allocated): a hash table whose entries are <see cref="OwnershipTxt"/> structs in one array, chained per
/// bucket by index. A name's TXTs are the entries of its bucket with that name, latest added first. Against a
/// dictionary of chained objects this saves an object and a dictionary entry per TXT (at 100k TXTs: no small objects
/// for the GC to trace). Hashes are the runtime's randomised string hashes. The arrays are rented from the shared
/// pool (a fresh large-object-heap array per read drives full collections); <see cref="Release"/> returns them.
/// </summary>
internal sealed class OwnershipTable
{
    private int[] _buckets;
    private int _bucketMask;
    private OwnershipTxt[] _entries;
    private int _used;

    public OwnershipTable(int capacity)
    {
        capacity = Math.Max(capacity, 8);
        _entries = ArrayPool<OwnershipTxt>.Shared.Rent(capacity);
        _buckets = RentBuckets(capacity, out _bucketMask);
    }

    /// <summary>The number of TXTs in the table.</summary>
    public int Count { get; private set; }

    /// <summary>The entry at <paramref name="index"/>; the reference is valid until the next entry is added.</summary>
    public ref OwnershipTxt this[int index] => ref _entries[index];

    /// <summary>Adds a TXT at the head of its name's chain (so that it wins over an earlier one for the same key).</summary>
    public void Add(in OwnershipTxt txt)
    {
        if (_used == _entries.Length)
        {
            Grow();
        }

        var index = _used++;
        ref var entry = ref _entries[index];
        entry = txt;
        entry.Hash = string.GetHashCode(entry.Name);
        ref var bucket = ref _buckets[entry.Hash & _bucketMask];
        entry.Next = bucket;
        bucket = index + 1;
        Count++;
    }

    /// <summary>The latest TXT for the record name <paramref name="name"/>, or -1.</summary>
    public int First(ReadOnlySpan<char> name)
    {
        var hash = string.GetHashCode(name);
        for (var i = _buckets[hash & _bucketMask] - 1; i >= 0; i = _entries[i].Next - 1)
        {
            ref var entry = ref _entries[i];
            if (entry.Hash == hash && entry.Name.SequenceEqual(name))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The next (earlier added) TXT for the same record name as the entry at <paramref name="index"/>, or -1.</summary>
    public int NextOfName(int index)
    {
        ref var of = ref _entries[index];
        for (var i = of.Next - 1; i >= 0; i = _entries[i].Next - 1)
        {
            ref var entry = ref _entries[i];
            if (entry.Hash == of.Hash && entry.Name.SequenceEqual(of.Name))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Unlinks the entry at <paramref name="index"/> (its slot is not reused; the table lives for one reconcile).</summary>
    public void Remove(int index)
    {
        ref var entry = ref _entries[index];
        ref var link = ref _buckets[entry.Hash & _bucketMask];
        while (link != 0)
        {
            if (link - 1 == index)
            {
                link = entry.Next;
                entry = default;
                Count--;
                return;
            }

            link = ref _entries[link - 1].Next;
        }
    }

    /// <summary>Returns the arrays to the pool (entries cleared: no string stays referenced); the table is unusable after.</summary>
    public void Release()
    {
        Array.Clear(_entries, 0, _used);
        ArrayPool<OwnershipTxt>.Shared.Return(_entries);
        ArrayPool<int>.Shared.Return(_buckets);
        _entries = [];
        _buckets = [];
        _used = 0;
        Count = 0;
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
        var entries = ArrayPool<OwnershipTxt>.Shared.Rent(_entries.Length * 2);
        Array.Copy(_entries, entries, _used);
        Array.Clear(_entries, 0, _used);
        ArrayPool<OwnershipTxt>.Shared.Return(_entries);
        _entries = entries;
        ArrayPool<int>.Shared.Return(_buckets);
        _buckets = RentBuckets(_entries.Length, out _bucketMask);

        // Re-linked in insertion order, each at its bucket's head: the latest-first order of every chain is kept.
        for (var i = 0; i < _used; i++)
        {
            ref var entry = ref _entries[i];
            if (entry.Source is null)
            {
                continue;
            }

            ref var bucket = ref _buckets[entry.Hash & _bucketMask];
            entry.Next = bucket;
            bucket = i + 1;
        }
    }
}

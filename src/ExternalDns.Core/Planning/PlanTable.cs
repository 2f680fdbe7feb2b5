using System.Buffers;

namespace ExternalDns.Core.Planning;

/// <summary>
/// The planner's rows keyed by (normalised name, set identifier): a hash table whose entries are <see cref="PlanRow"/>
/// structs in one array, in insertion order, chained per bucket by index. Against a dictionary of row objects this
/// saves two small objects and a dictionary entry per name (at 100k names: fewer, larger allocations the GC does not
/// trace object by object). Hashes are the runtime's randomised string hashes (no flooding by chosen names).
/// The arrays are rented from the shared pool (at 10k+ names they are large-object-heap sized, and a fresh one per
/// plan drives full collections); <see cref="Release"/> clears the rows in use and returns them.
/// </summary>
internal sealed class PlanTable
{
    private int[] _buckets;
    private int _bucketMask;
    private PlanRow[] _rows;

    public PlanTable(int capacity)
    {
        capacity = Math.Max(capacity, 8);
        _rows = ArrayPool<PlanRow>.Shared.Rent(capacity);
        _buckets = RentBuckets(capacity, out _bucketMask);
    }

    /// <summary>The number of rows.</summary>
    public int Count { get; private set; }

    /// <summary>The row at <paramref name="index"/> (insertion order); the reference is valid until the next row is added.</summary>
    public ref PlanRow this[int index] => ref _rows[index];

    /// <summary>The row for (name, set identifier), added when missing: one hash per call.</summary>
    public ref PlanRow RowFor(string name, string setIdentifier)
    {
        var hash = Hash(name, setIdentifier);
        for (var i = _buckets[hash & _bucketMask] - 1; i >= 0; i = _rows[i].Next - 1)
        {
            ref var row = ref _rows[i];
            if (row.Hash == hash && string.Equals(row.Name, name, StringComparison.Ordinal)
                && string.Equals(row.SetIdentifier, setIdentifier, StringComparison.Ordinal))
            {
                return ref row;
            }
        }

        if (Count == _rows.Length)
        {
            Grow();
        }

        ref var bucket = ref _buckets[hash & _bucketMask];
        var index = Count++;
        _rows[index] = new PlanRow(name, setIdentifier, hash, bucket);
        bucket = index + 1;
        return ref _rows[index];
    }

    private static int Hash(string name, string setIdentifier) =>
        setIdentifier.Length == 0 ? name.GetHashCode(StringComparison.Ordinal) : HashCode.Combine(name.GetHashCode(StringComparison.Ordinal), setIdentifier.GetHashCode(StringComparison.Ordinal));

    /// <summary>Returns the arrays to the pool (rows cleared: no endpoint stays referenced); the table is unusable after.</summary>
    public void Release()
    {
        Array.Clear(_rows, 0, Count);
        ArrayPool<PlanRow>.Shared.Return(_rows);
        ArrayPool<int>.Shared.Return(_buckets);
        _rows = [];
        _buckets = [];
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
        var rows = ArrayPool<PlanRow>.Shared.Rent(_rows.Length * 2);
        Array.Copy(_rows, rows, Count);
        Array.Clear(_rows, 0, Count);
        ArrayPool<PlanRow>.Shared.Return(_rows);
        _rows = rows;
        ArrayPool<int>.Shared.Return(_buckets);
        _buckets = RentBuckets(_rows.Length, out _bucketMask);
        for (var i = 0; i < Count; i++)
        {
            ref var row = ref _rows[i];
            ref var bucket = ref _buckets[row.Hash & _bucketMask];
            row.Next = bucket;
            bucket = i + 1;
        }
    }
}

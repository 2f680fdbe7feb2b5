namespace ExternalDns.Core.Planning;

/// <summary>
/// The planner's rows keyed by (normalised name, set identifier): a hash table whose entries are <see cref="PlanRow"/>
/// structs in one array, in insertion order, chained per bucket by index. Against a dictionary of row objects this
/// saves two small objects and a dictionary entry per name (at 100k names: fewer, larger allocations the GC does not
/// trace object by object). Hashes are the runtime's randomised string hashes (no flooding by chosen names).
/// </summary>
internal sealed class PlanTable
{
    private int[] _buckets;
    private PlanRow[] _rows;

    public PlanTable(int capacity)
    {
        capacity = Math.Max(capacity, 8);
        _rows = new PlanRow[capacity];
        _buckets = new int[BucketCount(capacity)];
    }

    /// <summary>The number of rows.</summary>
    public int Count { get; private set; }

    /// <summary>The row at <paramref name="index"/> (insertion order); the reference is valid until the next row is added.</summary>
    public ref PlanRow this[int index] => ref _rows[index];

    /// <summary>The row for (name, set identifier), added when missing: one hash per call.</summary>
    public ref PlanRow RowFor(string name, string setIdentifier)
    {
        var hash = Hash(name, setIdentifier);
        for (var i = _buckets[hash & (_buckets.Length - 1)] - 1; i >= 0; i = _rows[i].Next - 1)
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

        ref var bucket = ref _buckets[hash & (_buckets.Length - 1)];
        var index = Count++;
        _rows[index] = new PlanRow(name, setIdentifier, hash, bucket);
        bucket = index + 1;
        return ref _rows[index];
    }

    private static int Hash(string name, string setIdentifier) =>
        setIdentifier.Length == 0 ? name.GetHashCode(StringComparison.Ordinal) : HashCode.Combine(name.GetHashCode(StringComparison.Ordinal), setIdentifier.GetHashCode(StringComparison.Ordinal));

    private static int BucketCount(int capacity)
    {
        var n = 8;
        while (n < capacity)
        {
            n *= 2;
        }

        return n;
    }

    private void Grow()
    {
        Array.Resize(ref _rows, _rows.Length * 2);
        _buckets = new int[BucketCount(_rows.Length)];
        for (var i = 0; i < Count; i++)
        {
            ref var row = ref _rows[i];
            ref var bucket = ref _buckets[row.Hash & (_buckets.Length - 1)];
            row.Next = bucket;
            bucket = i + 1;
        }
    }
}

using ExternalDns.Core.Collections;

namespace ExternalDns.Core.Planning;

/// <summary>
/// The planner's rows keyed by (normalised name, set identifier), in insertion order, stored as
/// <see cref="PooledHashChains{T}"/> (structs in pooled arrays: no row objects, no full collections from a fresh large
/// array per plan). Hashes are the runtime's randomised string hashes (no flooding by chosen names).
/// <see cref="Release"/> clears the rows in use and returns the arrays.
/// </summary>
internal sealed class PlanTable
{
    private readonly PooledHashChains<PlanRow> _rows;

    public PlanTable(int capacity) => _rows = new PooledHashChains<PlanRow>(capacity);

    /// <summary>The number of rows.</summary>
    public int Count => _rows.Used;

    /// <summary>The row at <paramref name="index"/> (insertion order); the reference is valid until the next row is added.</summary>
    public ref PlanRow this[int index] => ref _rows[index];

    /// <summary>The row for (name, set identifier), added when missing: one hash per call.</summary>
    public ref PlanRow RowFor(string name, string setIdentifier)
    {
        var hash = Hash(name, setIdentifier);
        for (var i = _rows.First(hash); i >= 0; i = _rows[i].Next - 1)
        {
            ref var row = ref _rows[i];
            if (row.Hash == hash && string.Equals(row.Name, name, StringComparison.Ordinal)
                && string.Equals(row.SetIdentifier, setIdentifier, StringComparison.Ordinal))
            {
                return ref row;
            }
        }

        return ref _rows[_rows.Append(new PlanRow(name, setIdentifier, hash))];
    }

    /// <summary>Returns the arrays to the pool (rows cleared: no endpoint stays referenced); the table is unusable after.</summary>
    public void Release() => _rows.Release();

    private static int Hash(string name, string setIdentifier) =>
        setIdentifier.Length == 0 ? name.GetHashCode(StringComparison.Ordinal) : HashCode.Combine(name.GetHashCode(StringComparison.Ordinal), setIdentifier.GetHashCode(StringComparison.Ordinal));
}

using ExternalDns.Core.Collections;

namespace ExternalDns.Core.Registry;

/// <summary>
/// The TXT registry's ownership TXTs, keyed by the record name they stand for (a slice of the lower-cased TXT name, no
/// substring allocated), stored as <see cref="PooledHashChains{T}"/>: a name's TXTs are the entries of its bucket with
/// that name, latest added first. Hashes are the runtime's randomised string hashes. <see cref="Release"/> returns the
/// pooled arrays.
/// </summary>
internal sealed class OwnershipTable
{
    private readonly PooledHashChains<OwnershipTxt> _entries;

    public OwnershipTable(int capacity) => _entries = new PooledHashChains<OwnershipTxt>(capacity);

    /// <summary>The number of TXTs in the table.</summary>
    public int Count { get; private set; }

    /// <summary>The entry at <paramref name="index"/>; the reference is valid until the next entry is added.</summary>
    public ref OwnershipTxt this[int index] => ref _entries[index];

    /// <summary>Adds a TXT at the head of its name's chain (so that it wins over an earlier one for the same key).</summary>
    public void Add(in OwnershipTxt txt)
    {
        var entry = txt;
        entry.Hash = string.GetHashCode(entry.Name);
        _entries.Append(entry);
        Count++;
    }

    /// <summary>The latest TXT for the record name <paramref name="name"/>, or -1.</summary>
    public int First(ReadOnlySpan<char> name)
    {
        var hash = string.GetHashCode(name);
        for (var i = _entries.First(hash); i >= 0; i = _entries[i].Next - 1)
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
        if (_entries.Unlink(index))
        {
            Count--;
        }
    }

    /// <summary>Returns the arrays to the pool (entries cleared: no string stays referenced); the table is unusable after.</summary>
    public void Release()
    {
        _entries.Release();
        Count = 0;
    }
}

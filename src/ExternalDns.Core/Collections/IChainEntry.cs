namespace ExternalDns.Core.Collections;

/// <summary>An entry of <see cref="PooledHashChains{T}"/>: its hash and the link to the next entry of its bucket.</summary>
internal interface IChainEntry
{
    int ChainHash { get; }

    /// <summary>The next entry in the same bucket, 1-based (0 = none).</summary>
    int ChainNext { get; set; }

    /// <summary>False for an entry that was unlinked (its slot stays, cleared); such entries are not re-linked on growth.</summary>
    bool IsLinked { get; }
}

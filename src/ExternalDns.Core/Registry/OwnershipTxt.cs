using ExternalDns.Core.Collections;
using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Registry;

/// <summary>
/// An ownership TXT as stored, with its labels: owner and resource as strings in the common case, a dictionary only
/// when the value carries more. The plain text is computed on demand for unencrypted values (a hot path).
/// </summary>
internal struct OwnershipTxt : IChainEntry
{
    /// <summary>The TXT's own name, as read.</summary>
    internal string TxtName;

    internal string SetIdentifier;

    /// <summary>The type of the record it owns; empty for the old untyped format.</summary>
    internal string RecordType;

    internal string Value;

    internal string? Decrypted;

    internal bool Encrypted;

    internal string? Owner;

    internal string? Resource;

    internal Labels? AllLabels;

    /// <summary>The record name it stands for is <c>Source[Start..]</c> (the lower-cased TXT name, or the mapped-back name).</summary>
    internal string Source;

    internal int Start;

    internal int Hash;

    /// <summary>The next entry in the bucket, 1-based (0 = none).</summary>
    internal int Next;

    public OwnershipTxt(string txtName, string setIdentifier, string value, string? decrypted, bool encrypted)
    {
        TxtName = txtName;
        SetIdentifier = setIdentifier;
        RecordType = string.Empty;
        Value = value;
        Decrypted = decrypted;
        Encrypted = encrypted;
        Source = string.Empty;
    }

    readonly int IChainEntry.ChainHash => Hash;

    int IChainEntry.ChainNext
    {
        readonly get => Next;
        set => Next = value;
    }

    /// <summary>An unlinked entry is cleared to default (no source).</summary>
    readonly bool IChainEntry.IsLinked => Source is not null;

    public readonly ReadOnlySpan<char> Name => Source.AsSpan(Start);

    public readonly string Plain => Decrypted ?? Value.Trim('"');

    public readonly void AttachTo(Endpoint ep)
    {
        if (AllLabels is not null)
        {
            ep.AdoptLabels(AllLabels);
            return;
        }

        if (Owner is not null)
        {
            ep.Labels[Labels.OwnerKey] = Owner;
        }

        if (Resource is not null)
        {
            ep.Labels[Labels.ResourceKey] = Resource;
        }
    }
}

using System.Runtime.InteropServices;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Core.Registry;

/// <summary>
/// Ownership through TXT records (<c>--registry=txt</c>), byte-compatible with upstream ExternalDNS v0.22: for every
/// owned record a TXT named by <see cref="TxtNameMapper"/> holds
/// <c>"heritage=external-dns,external-dns/owner=&lt;id&gt;,external-dns/resource=&lt;kind/ns/name&gt;"</c>
/// (optionally encrypted, see <see cref="TxtEncryption"/>).
/// <para>
/// <see cref="RecordsAsync"/> returns the provider's records with the labels of their ownership TXT (ownership TXTs
/// themselves are left out; other TXT records are returned as they are). <see cref="ApplyChangesAsync"/> stamps creates
/// with the owner, drops updates and deletes of records owned by others, and adds the TXT counterparts.
/// <see cref="RecordsAsync"/> must be called before <see cref="ApplyChangesAsync"/> in each reconcile, and calls must
/// not overlap (the controller runs one reconcile at a time).
/// </para>
/// </summary>
public sealed class TxtRegistry : IRegistry
{
    private readonly IDnsProvider _provider;
    private readonly TxtNameMapper _mapper;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly byte[]? _aesKey;
    private readonly bool _encrypt;
    private readonly string _oldOwnerId;
    private readonly TimeSpan _cacheInterval;
    private readonly HashSet<string> _managedTypes;
    private readonly HashSet<string> _excludedTypes;
    private readonly HashSet<string> _obsoleteAliasWarned = new(StringComparer.Ordinal);

    // The ownership TXTs of the last RecordsAsync in one keyed table: the record name they stand for (lower case, as
    // mapped back from the TXT name) -> a short chain of the TXTs for that name (one per type, format and set id). The
    // read attaches their labels to the records from it; creates never duplicate an existing TXT (upstream #4914) and
    // rewrites of an unchanged value re-use the stored text (found by the TXT's own name and set id in the chain).
    private Dictionary<NameKey, OwnershipTxt> _ownership = [];

    private List<Endpoint>? _cache;
    private DateTimeOffset _cacheRefreshTime;

    public TxtRegistry(
        IDnsProvider provider,
        TxtRegistryOptions options,
        TimeProvider? timeProvider = null,
        ILogger<TxtRegistry>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.OwnerId))
        {
            throw new RegistryConfigurationException("--txt-owner-id must not be empty");
        }

        _aesKey = TxtEncryption.ParseKey(options.EncryptAesKey);
        if (options.EncryptEnabled && _aesKey is null)
        {
            throw new RegistryConfigurationException(
                "--txt-encrypt-aes-key must be set when --txt-encrypt-enabled is set");
        }

        if (!string.IsNullOrEmpty(options.Prefix) && !string.IsNullOrEmpty(options.Suffix))
        {
            throw new RegistryConfigurationException("--txt-prefix and --txt-suffix are mutually exclusive");
        }

        if (options.CacheInterval < TimeSpan.Zero)
        {
            throw new RegistryConfigurationException("--txt-cache-interval must not be negative");
        }

        _provider = provider;
        OwnerId = options.OwnerId;
        _mapper = new TxtNameMapper(options.Prefix, options.Suffix, options.WildcardReplacement);
        _encrypt = options.EncryptEnabled;
        _oldOwnerId = options.MigrateFromOwner ?? string.Empty;
        _cacheInterval = options.CacheInterval;
        _managedTypes = new HashSet<string>(options.ManagedRecordTypes ?? [], StringComparer.Ordinal);
        _excludedTypes = new HashSet<string>(options.ExcludeRecordTypes ?? [], StringComparer.Ordinal);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public string OwnerId { get; }

    public DomainFilter DomainFilter => _provider.DomainFilter;

    /// <summary>The name mapper in use (prefix/suffix/wildcard replacement).</summary>
    public TxtNameMapper NameMapper => _mapper;

    public IReadOnlyList<Endpoint> AdjustEndpoints(IReadOnlyList<Endpoint> endpoints) => _provider.AdjustEndpoints(endpoints);

    public Task<IReadOnlyList<Endpoint>> AdjustEndpointsAsync(IReadOnlyList<Endpoint> endpoints, CancellationToken cancellationToken) =>
        _provider.AdjustEndpointsAsync(endpoints, cancellationToken);

    public async Task<IReadOnlyList<Endpoint>> RecordsAsync(CancellationToken cancellationToken)
    {
        if (_cache is not null && _timeProvider.GetUtcNow() - _cacheRefreshTime < _cacheInterval)
        {
            TxtRegistryLog.UsingCachedRecords(_logger);
            return _cache.Select(e => e.Clone()).ToList();
        }

        var records = await _provider.RecordsAsync(cancellationToken).ConfigureAwait(false);
        var endpoints = new List<Endpoint>(records.Count);
        var table = new Dictionary<NameKey, OwnershipTxt>((records.Count / 2) + 1);

        foreach (var record in records)
        {
            if (record.RecordType != RecordTypes.TXT)
            {
                endpoints.Add(record);
                continue;
            }

            // Ownership TXTs carry one value; one without values (routing-policy records of some providers) is skipped.
            if (record.Targets.Count == 0)
            {
                TxtRegistryLog.TxtWithoutTargets(_logger, record.DnsName);
                continue;
            }

            var txt = ParseOwnership(record);
            if (txt is null)
            {
                // Not ours (no or another heritage): an ordinary TXT record without an owner.
                endpoints.Add(record);
                continue;
            }

            Link(table, txt);
        }

        foreach (var ep in endpoints)
        {
            AttachOwnership(ep, table);
        }

        _ownership = table;
        if (_cacheInterval > TimeSpan.Zero)
        {
            _cache = endpoints.Select(e => e.Clone()).ToList();
            _cacheRefreshTime = _timeProvider.GetUtcNow();
        }

        return endpoints;
    }

    public async Task ApplyChangesAsync(Changes changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var create = new List<Endpoint>(changes.Create);
        var delete = FilterByOwner(changes.Delete);
        var (updateOld, updateNew) = FilterUpdatesByOwner(changes.UpdateOld, changes.UpdateNew);
        var deleted = delete.ToArray();
        var replaced = updateOld.ToArray();
        var replacements = updateNew.ToArray();
        var writtenTxts = new List<Endpoint>();
        var removedTxts = new List<Endpoint>();

        foreach (var r in changes.Create)
        {
            r.Labels[Labels.OwnerKey] = OwnerId;
            var txt = GenerateTxt(r, TxtWrite.New);
            if (txt is not null && FindStored(txt.DnsName, txt.SetIdentifier) is null)
            {
                create.Add(txt);
                writtenTxts.Add(txt);
            }
        }

        foreach (var r in deleted)
        {
            var txt = GenerateTxt(r, TxtWrite.Old);
            if (txt is not null)
            {
                delete.Add(txt);
                removedTxts.Add(txt);
            }
        }

        foreach (var r in replaced)
        {
            var txt = GenerateTxt(r, TxtWrite.Old);
            if (txt is not null)
            {
                updateOld.Add(txt);
            }
        }

        foreach (var r in replacements)
        {
            var txt = GenerateTxt(r, TxtWrite.New);
            if (txt is not null)
            {
                updateNew.Add(txt);
                writtenTxts.Add(txt);
            }
        }

        var filtered = new Changes { Create = create, UpdateOld = updateOld, UpdateNew = updateNew, Delete = delete };
        try
        {
            await _provider.ApplyChangesAsync(filtered, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // What the provider applied is unknown now: read it afresh next time.
            _cache = null;
            throw;
        }

        foreach (var txt in removedTxts)
        {
            RemoveStored(txt.DnsName, txt.SetIdentifier);
        }

        foreach (var txt in writtenTxts)
        {
            StoreWritten(txt);
        }

        // The cache follows the changes, as upstream's: creates and new sides added, deletes and old sides removed.
        if (_cacheInterval > TimeSpan.Zero && _cache is not null)
        {
            foreach (var r in deleted.Concat(replaced))
            {
                RemoveFromCache(r);
            }

            _cache.AddRange(changes.Create.Concat(replacements).Select(r => r.Clone()));
        }
    }

    private void AttachOwnership(Endpoint ep, Dictionary<NameKey, OwnershipTxt> table)
    {
        var dnsName = ep.DnsName;
        if (_mapper.WildcardReplacement.Length > 0 && (dnsName == "*" || dnsName.StartsWith("*.", StringComparison.Ordinal)))
        {
            dnsName = _mapper.WildcardReplacement + dnsName[1..];
        }

        // One lookup per record. The table is keyed by lower-cased names; labels are attached only when the record's
        // name is spelled exactly so (as the TXT name mapped back), the new-format check is case-insensitive.
        var lower = dnsName.ToLowerInvariant();
        table.TryGetValue(new NameKey(lower, 0), out var chain);
        var exact = chain is not null && string.Equals(lower, dnsName, StringComparison.Ordinal);
        var found = exact ? Find(chain, ep.RecordType, ep.SetIdentifier) : null;

        // A ALIAS records (AWS) were owned through a "cname-" TXT before v0.22: still honoured, never deleted.
        if (exact && IsAliasA(ep) && Find(chain, RecordTypes.CNAME, ep.SetIdentifier) is { } legacy)
        {
            found ??= legacy;
            WarnObsoleteAliasTxt(dnsName);
        }

        // The old untyped format, for every type but AAAA (dual-stack AAAA ownership is independent).
        if (found is null && exact && ep.RecordType != RecordTypes.AAAA)
        {
            found = Find(chain, string.Empty, ep.SetIdentifier);
        }

        found?.AttachTo(ep);
        MigrateOwner(ep.Labels);

        // An owned, managed record whose new-format TXT is missing is force-updated: the update writes the TXT.
        // (The TXT names were mapped back to (name, type) once while reading, so no TXT name is built per record here.)
        if (table.Count > 0 && !HasNewFormat(chain, ep.RecordType) && IsOwned(ep) && IsManaged(ep.RecordType)
            && TxtNameMapper.HasValidLabels(_mapper.ToTxtName(ep.DnsName, ep.RecordType)))
        {
            ep.WithProviderSpecific(Labels.ForceUpdateKey, "true");
        }
    }

    /// <summary>The latest-read TXT of the chain for (type, set id): a later TXT for the same key replaces an earlier one.</summary>
    private static OwnershipTxt? Find(OwnershipTxt? chain, string recordType, string setIdentifier)
    {
        for (var t = chain; t is not null; t = t.Next)
        {
            if (t.RecordType == recordType && t.SetIdentifier == setIdentifier)
            {
                return t;
            }
        }

        return null;
    }

    private static bool HasNewFormat(OwnershipTxt? chain, string recordType)
    {
        if (recordType.Length == 0)
        {
            return false;
        }

        for (var t = chain; t is not null; t = t.Next)
        {
            if (t.RecordType == recordType)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds a TXT at the head of its name's chain (so that it wins over an earlier one for the same key).</summary>
    private void Link(Dictionary<NameKey, OwnershipTxt> table, OwnershipTxt txt)
    {
        var (source, start, type) = _mapper.ToEndpointNameRange(txt.TxtName);
        txt.RecordType = type;
        var key = new NameKey(source, start);
        ref var head = ref CollectionsMarshal.GetValueRefOrAddDefault(table, key, out _);
        txt.Next = head;
        head = txt;
    }

    /// <summary>The stored ownership TXT named exactly <paramref name="txtName"/> with the set id, or null.</summary>
    private OwnershipTxt? FindStored(string txtName, string setIdentifier)
    {
        var (source, start, _) = _mapper.ToEndpointNameRange(txtName);
        _ownership.TryGetValue(new NameKey(source, start), out var chain);
        for (var t = chain; t is not null; t = t.Next)
        {
            if (t.SetIdentifier == setIdentifier && t.TxtName == txtName)
            {
                return t;
            }
        }

        return null;
    }

    private void RemoveStored(string txtName, string setIdentifier)
    {
        var (source, start, _) = _mapper.ToEndpointNameRange(txtName);
        var key = new NameKey(source, start);
        if (!_ownership.TryGetValue(key, out var chain))
        {
            return;
        }

        // Every TXT of that exact name and set id goes (as a removal from a table keyed by them did).
        OwnershipTxt? kept = null;
        OwnershipTxt? last = null;
        for (var t = chain; t is not null; t = t.Next)
        {
            if (t.SetIdentifier == setIdentifier && t.TxtName == txtName)
            {
                continue;
            }

            if (last is null)
            {
                kept = t;
            }
            else
            {
                last.Next = t;
            }

            last = t;
        }

        last?.Next = null;
        if (kept is null)
        {
            _ownership.Remove(key);
        }
        else
        {
            _ownership[key] = kept;
        }
    }

    private void StoreWritten(Endpoint txt)
    {
        var value = txt.Targets[0];
        var unquoted = value.Trim('"');
        string? decrypted = null;
        var encrypted = _encrypt && TxtEncryption.TryDecrypt(unquoted, _aesKey!, out decrypted, out _);
        var stored = FindStored(txt.DnsName, txt.SetIdentifier);
        if (stored is not null)
        {
            stored.Value = value;
            stored.Decrypted = encrypted ? decrypted : null;
            stored.Encrypted = encrypted;
            return;
        }

        Link(_ownership, new OwnershipTxt(txt.DnsName, txt.SetIdentifier, value, encrypted ? decrypted : null, encrypted));
    }

    private Endpoint? GenerateTxt(Endpoint r, TxtWrite write)
    {
        MigrateOwner(r.Labels);
        var name = _mapper.ToTxtName(r.DnsName, r.RecordType);
        if (!TxtNameMapper.HasValidLabels(name))
        {
            TxtRegistryLog.TxtNameTooLong(_logger, name);
            return null;
        }

        var stored = FindStored(TrimDot(name), r.SetIdentifier);
        string value;
        if (write == TxtWrite.Old && stored is { } old)
        {
            // Delete/update-old must name the value that is in the zone, byte for byte.
            value = old.Value;
        }
        else if (write == TxtWrite.New && stored is { } current
            && current.Encrypted == _encrypt && current.Plain == r.Labels.SerializePlain(false))
        {
            // Unchanged ownership: keep the stored text (and its nonce) rather than re-encrypting it.
            value = current.Value;
        }
        else
        {
            value = Serialize(r);
        }

        var txt = new Endpoint(name, RecordTypes.TXT, value) { SetIdentifier = r.SetIdentifier };
        txt.Labels[Labels.OwnedRecordKey] = r.DnsName;
        txt.ProviderSpecific.AddRange(r.ProviderSpecific);
        return txt;
    }

    private string Serialize(Endpoint r)
    {
        if (!_encrypt)
        {
            return r.Labels.SerializePlain(withQuotes: true);
        }

        if (!r.Labels.TryGetValue(Labels.TxtEncryptionNonceKey, out var nonce) || !TxtEncryption.IsValidNonce(nonce))
        {
            if (nonce is not null)
            {
                TxtRegistryLog.InvalidNonce(_logger, r.DnsName);
            }

            nonce = TxtEncryption.GenerateNonce();
            r.Labels[Labels.TxtEncryptionNonceKey] = nonce;
        }

        return "\"" + TxtEncryption.Encrypt(r.Labels.SerializePlain(withQuotes: false), _aesKey!, nonce) + "\"";
    }

    /// <summary>The ownership TXT a record is, or null when it is not ours (no or another heritage).</summary>
    private OwnershipTxt? ParseOwnership(Endpoint record)
    {
        var value = record.Targets[0];
        if (_aesKey is not null && TxtEncryption.TryDecrypt(value.Trim('"'), _aesKey, out var plain, out var nonce))
        {
            var decrypted = Labels.ParsePlain(plain);
            if (decrypted is null)
            {
                return null;
            }

            decrypted[Labels.TxtEncryptionNonceKey] = nonce;
            return new OwnershipTxt(record.DnsName, record.SetIdentifier, value, plain, encrypted: true) { AllLabels = decrypted };
        }

        // The common value holds only owner and resource: kept as two strings, no dictionary per TXT.
        if (Labels.TryParseOwnerAndResource(value, OwnerId, out var isOwnership, out var owner, out var resource))
        {
            return isOwnership
                ? new OwnershipTxt(record.DnsName, record.SetIdentifier, value, null, encrypted: false) { Owner = owner, Resource = resource }
                : null;
        }

        var labels = Labels.ParsePlain(value, OwnerId);
        return labels is null ? null : new OwnershipTxt(record.DnsName, record.SetIdentifier, value, null, encrypted: false) { AllLabels = labels };
    }

    private List<Endpoint> FilterByOwner(IEnumerable<Endpoint> endpoints) => OwnershipFilter.Owned(endpoints, OwnerId, SkipForeign);

    private (List<Endpoint> Old, List<Endpoint> New) FilterUpdatesByOwner(List<Endpoint> oldSide, List<Endpoint> newSide) =>
        OwnershipFilter.OwnedUpdates(oldSide, newSide, OwnerId, SkipForeign);

    private void SkipForeign(Endpoint ep) => TxtRegistryLog.SkippingForeignEndpoint(_logger, ep, ep.Labels.Owner, OwnerId);

    private bool IsOwned(Endpoint ep) => OwnershipFilter.IsOwned(ep, OwnerId);

    private bool IsManaged(string recordType) => !_excludedTypes.Contains(recordType) && _managedTypes.Contains(recordType);

    private void MigrateOwner(Labels labels)
    {
        if (_oldOwnerId.Length > 0 && labels.TryGetValue(Labels.OwnerKey, out var owner) && owner == _oldOwnerId)
        {
            labels[Labels.OwnerKey] = OwnerId;
        }
    }

    private static bool IsAliasA(Endpoint ep) =>
        ep.RecordType == RecordTypes.A && ep.GetProviderSpecific("alias") is "true" or "A";

    private void WarnObsoleteAliasTxt(string dnsName)
    {
        var legacyName = _mapper.ToTxtName(dnsName, RecordTypes.CNAME);
        if (_obsoleteAliasWarned.Add(legacyName))
        {
            TxtRegistryLog.ObsoleteAliasTxt(_logger, legacyName, dnsName, _mapper.ToTxtName(dnsName, RecordTypes.A));
        }
    }

    private void RemoveFromCache(Endpoint ep)
    {
        if (_cache is null)
        {
            return;
        }

        var index = _cache.FindIndex(e => e.DnsName == ep.DnsName && e.RecordType == ep.RecordType
            && e.SetIdentifier == ep.SetIdentifier && e.Targets.Same(ep.Targets));
        if (index >= 0)
        {
            _cache.RemoveAt(index);
        }
    }

    private static string TrimDot(string name) => name.EndsWith('.') ? name[..^1] : name;

    private enum TxtWrite
    {
        /// <summary>Create or update-new: the value to write.</summary>
        New,

        /// <summary>Delete or update-old: the value that is in the zone.</summary>
        Old,
    }

    /// <summary>A record name inside a longer string (<c>Source[Start..]</c>): the table's key without a substring per TXT.</summary>
    private readonly struct NameKey(string source, int start) : IEquatable<NameKey>
    {
        private readonly string _source = source;
        private readonly int _start = start;

        private ReadOnlySpan<char> Name => _source.AsSpan(_start);

        public bool Equals(NameKey other) => Name.SequenceEqual(other.Name);

        public override bool Equals(object? obj) => obj is NameKey other && Equals(other);

        public override int GetHashCode() => string.GetHashCode(Name);
    }

    /// <summary>
    /// An ownership TXT as stored, with its labels: owner and resource as strings in the common case, a dictionary
    /// only when the value carries more. The plain text is computed on demand for unencrypted values (a hot path).
    /// </summary>
    private sealed class OwnershipTxt(string txtName, string setIdentifier, string value, string? decrypted, bool encrypted)
    {
        public string TxtName { get; } = txtName;

        public string SetIdentifier { get; } = setIdentifier;

        /// <summary>The type of the record it owns; empty for the old untyped format.</summary>
        public string RecordType { get; set; } = string.Empty;

        public string Value { get; set; } = value;

        public string? Decrypted { get; set; } = decrypted;

        public bool Encrypted { get; set; } = encrypted;

        public string? Owner { get; init; }

        public string? Resource { get; init; }

        public Labels? AllLabels { get; init; }

        public OwnershipTxt? Next { get; set; }

        public string Plain => Decrypted ?? Value.Trim('"');

        public void AttachTo(Endpoint ep)
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
}

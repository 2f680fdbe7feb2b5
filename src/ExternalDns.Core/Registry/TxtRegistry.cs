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
    private OwnershipTable _ownership = new(0);

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
        // Sized by a first count: the TXTs go to the table, the rest (and foreign TXTs, rare) to the list.
        var txts = 0;
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].RecordType == RecordTypes.TXT)
            {
                txts++;
            }
        }

        var endpoints = new List<Endpoint>(records.Count - txts + 16);
        var table = new OwnershipTable(txts + 16);

        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
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

            if (!TryParseOwnership(record, out var txt))
            {
                // Not ours (no or another heritage): an ordinary TXT record without an owner.
                endpoints.Add(record);
                continue;
            }

            Link(table, txt);
        }

        for (var i = 0; i < endpoints.Count; i++)
        {
            AttachOwnership(endpoints[i], table);
        }

        // The previous read's table goes back to the pool (calls do not overlap: nothing else uses it now).
        var previous = _ownership;
        _ownership = table;
        previous.Release();
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
            if (txt is not null && FindStored(txt.DnsName, txt.SetIdentifier) < 0)
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

    private void AttachOwnership(Endpoint ep, OwnershipTable table)
    {
        var dnsName = ep.DnsName;
        if (_mapper.WildcardReplacement.Length > 0 && (dnsName == "*" || dnsName.StartsWith("*.", StringComparison.Ordinal)))
        {
            dnsName = _mapper.WildcardReplacement + dnsName[1..];
        }

        // One lookup per record. The table is keyed by lower-cased names; labels are attached only when the record's
        // name is spelled exactly so (as the TXT name mapped back), the new-format check is case-insensitive.
        var lower = dnsName.ToLowerInvariant();
        var chain = table.First(lower);
        var exact = chain >= 0 && string.Equals(lower, dnsName, StringComparison.Ordinal);
        var found = exact ? Find(table, chain, ep.RecordType, ep.SetIdentifier) : -1;

        // A ALIAS records (AWS) were owned through a "cname-" TXT before v0.22: still honoured, never deleted.
        if (exact && IsAliasA(ep) && Find(table, chain, RecordTypes.CNAME, ep.SetIdentifier) is var legacy && legacy >= 0)
        {
            if (found < 0)
            {
                found = legacy;
            }

            WarnObsoleteAliasTxt(dnsName);
        }

        // The old untyped format, for every type but AAAA (dual-stack AAAA ownership is independent).
        if (found < 0 && exact && ep.RecordType != RecordTypes.AAAA)
        {
            found = Find(table, chain, string.Empty, ep.SetIdentifier);
        }

        if (found >= 0)
        {
            table[found].AttachTo(ep);
        }

        MigrateOwner(ep.Labels);

        // An owned, managed record whose new-format TXT is missing is force-updated: the update writes the TXT.
        // (The TXT names were mapped back to (name, type) once while reading, so no TXT name is built per record here.)
        if (table.Count > 0 && !HasNewFormat(table, chain, ep.RecordType) && IsOwned(ep) && IsManaged(ep.RecordType)
            && TxtNameMapper.HasValidLabels(_mapper.ToTxtName(ep.DnsName, ep.RecordType)))
        {
            ep.WithProviderSpecific(Labels.ForceUpdateKey, "true");
        }
    }

    /// <summary>The latest-read TXT of the name's chain for (type, set id), or -1: a later TXT for the same key replaces an earlier one.</summary>
    private static int Find(OwnershipTable table, int chain, string recordType, string setIdentifier)
    {
        for (var t = chain; t >= 0; t = table.NextOfName(t))
        {
            ref var txt = ref table[t];
            if (txt.RecordType == recordType && txt.SetIdentifier == setIdentifier)
            {
                return t;
            }
        }

        return -1;
    }

    private static bool HasNewFormat(OwnershipTable table, int chain, string recordType)
    {
        if (recordType.Length == 0)
        {
            return false;
        }

        for (var t = chain; t >= 0; t = table.NextOfName(t))
        {
            if (table[t].RecordType == recordType)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds a TXT at the head of its name's chain (so that it wins over an earlier one for the same key).</summary>
    private void Link(OwnershipTable table, OwnershipTxt txt)
    {
        (txt.Source, txt.Start, txt.RecordType) = _mapper.ToEndpointNameRange(txt.TxtName);
        table.Add(txt);
    }

    /// <summary>The index of the stored ownership TXT named exactly <paramref name="txtName"/> with the set id, or -1.</summary>
    private int FindStored(string txtName, string setIdentifier)
    {
        var (source, start, _) = _mapper.ToEndpointNameRange(txtName);
        for (var t = _ownership.First(source.AsSpan(start)); t >= 0; t = _ownership.NextOfName(t))
        {
            ref var txt = ref _ownership[t];
            if (txt.SetIdentifier == setIdentifier && txt.TxtName == txtName)
            {
                return t;
            }
        }

        return -1;
    }

    private void RemoveStored(string txtName, string setIdentifier)
    {
        // Every TXT of that exact name and set id goes (as a removal from a table keyed by them did).
        for (var t = FindStored(txtName, setIdentifier); t >= 0; t = FindStored(txtName, setIdentifier))
        {
            _ownership.Remove(t);
        }
    }

    private void StoreWritten(Endpoint txt)
    {
        var value = txt.Targets[0];
        var unquoted = value.Trim('"');
        string? decrypted = null;
        var encrypted = _encrypt && TxtEncryption.TryDecrypt(unquoted, _aesKey!, out decrypted, out _);
        var stored = FindStored(txt.DnsName, txt.SetIdentifier);
        if (stored >= 0)
        {
            ref var entry = ref _ownership[stored];
            entry.Value = value;
            entry.Decrypted = encrypted ? decrypted : null;
            entry.Encrypted = encrypted;
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
        if (write == TxtWrite.Old && stored >= 0)
        {
            // Delete/update-old must name the value that is in the zone, byte for byte.
            value = _ownership[stored].Value;
        }
        else if (write == TxtWrite.New && stored >= 0
            && _ownership[stored].Encrypted == _encrypt && _ownership[stored].Plain == r.Labels.SerializePlain(false))
        {
            // Unchanged ownership: keep the stored text (and its nonce) rather than re-encrypting it.
            value = _ownership[stored].Value;
        }
        else
        {
            value = Serialize(r);
        }

        var txt = new Endpoint(name, RecordTypes.TXT, value) { SetIdentifier = r.SetIdentifier };
        txt.Labels[Labels.OwnedRecordKey] = r.DnsName;
        txt.AddProviderSpecific(r.ProviderSpecificProperties);
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

    /// <summary>Reads the ownership TXT a record is; false when it is not ours (no or another heritage).</summary>
    private bool TryParseOwnership(Endpoint record, out OwnershipTxt txt)
    {
        var value = record.Targets[0];
        if (_aesKey is not null && TxtEncryption.TryDecrypt(value.Trim('"'), _aesKey, out var plain, out var nonce))
        {
            var decrypted = Labels.ParsePlain(plain);
            if (decrypted is null)
            {
                txt = default;
                return false;
            }

            decrypted[Labels.TxtEncryptionNonceKey] = nonce;
            txt = new OwnershipTxt(record.DnsName, record.SetIdentifier, value, plain, encrypted: true) { AllLabels = decrypted };
            return true;
        }

        // The common value holds only owner and resource: kept as two strings, no dictionary per TXT.
        if (Labels.TryParseOwnerAndResource(value, OwnerId, out var isOwnership, out var owner, out var resource))
        {
            txt = isOwnership
                ? new OwnershipTxt(record.DnsName, record.SetIdentifier, value, null, encrypted: false) { Owner = owner, Resource = resource }
                : default;
            return isOwnership;
        }

        var labels = Labels.ParsePlain(value, OwnerId);
        txt = labels is null ? default : new OwnershipTxt(record.DnsName, record.SetIdentifier, value, null, encrypted: false) { AllLabels = labels };
        return labels is not null;
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
}

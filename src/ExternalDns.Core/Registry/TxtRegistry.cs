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

    // Ownership TXTs (name, set-id) seen by the last RecordsAsync: a create never duplicates one (upstream #4914).
    private HashSet<(string DnsName, string SetIdentifier)> _existingTxts = [];

    // The ownership TXTs as stored, by (name, set-id): rewrites of an unchanged value re-use the stored text.
    private Dictionary<(string DnsName, string SetIdentifier), StoredTxt> _storedTxts = [];

    private List<Endpoint>? _cache;
    private HashSet<(string DnsName, string SetIdentifier)> _cachedExistingTxts = [];
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
            _existingTxts = [.. _cachedExistingTxts];
            return _cache.Select(e => e.Clone()).ToList();
        }

        var records = await _provider.RecordsAsync(cancellationToken).ConfigureAwait(false);
        var endpoints = new List<Endpoint>(records.Count);
        var expectedTxts = (records.Count / 2) + 1;
        var labelMap = new Dictionary<EndpointKey, Labels>(expectedTxts);
        var newFormat = new HashSet<(string DnsName, string RecordType)>(expectedTxts);
        var stored = new Dictionary<(string, string), StoredTxt>(expectedTxts);
        _existingTxts = new HashSet<(string DnsName, string SetIdentifier)>(expectedTxts);

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

            var labels = ParseLabels(record.Targets[0], out var storedTxt);
            if (labels is null)
            {
                // Not ours (no or another heritage): an ordinary TXT record without an owner.
                endpoints.Add(record);
                continue;
            }

            var (name, type) = _mapper.ToEndpointName(record.DnsName);
            labelMap[new EndpointKey(name, type, record.SetIdentifier)] = labels;
            if (type.Length > 0)
            {
                newFormat.Add((name, type));
            }

            _existingTxts.Add((record.DnsName, record.SetIdentifier));
            stored[(record.DnsName, record.SetIdentifier)] = storedTxt;
        }

        foreach (var ep in endpoints)
        {
            AttachOwnership(ep, labelMap, newFormat);
        }

        _storedTxts = stored;
        if (_cacheInterval > TimeSpan.Zero)
        {
            _cache = endpoints.Select(e => e.Clone()).ToList();
            _cachedExistingTxts = [.. _existingTxts];
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
            if (txt is not null && !_existingTxts.Contains((txt.DnsName, txt.SetIdentifier)))
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
            _storedTxts.Remove((txt.DnsName, txt.SetIdentifier));
            _cachedExistingTxts.Remove((txt.DnsName, txt.SetIdentifier));
        }

        foreach (var txt in writtenTxts)
        {
            _storedTxts[(txt.DnsName, txt.SetIdentifier)] = StoredFromWritten(txt);
            _cachedExistingTxts.Add((txt.DnsName, txt.SetIdentifier));
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

    private void AttachOwnership(Endpoint ep, Dictionary<EndpointKey, Labels> labelMap, HashSet<(string DnsName, string RecordType)> newFormat)
    {
        var dnsName = ep.DnsName;
        if (_mapper.WildcardReplacement.Length > 0 && (dnsName == "*" || dnsName.StartsWith("*.", StringComparison.Ordinal)))
        {
            dnsName = _mapper.WildcardReplacement + dnsName[1..];
        }

        var key = new EndpointKey(dnsName, ep.RecordType, ep.SetIdentifier);
        var found = labelMap.TryGetValue(key, out var labels);

        // A ALIAS records (AWS) were owned through a "cname-" TXT before v0.22: still honoured, never deleted.
        if (IsAliasA(ep) && labelMap.TryGetValue(key with { RecordType = RecordTypes.CNAME }, out var legacy))
        {
            if (!found)
            {
                labels = legacy;
                found = true;
            }

            WarnObsoleteAliasTxt(dnsName);
        }

        // The old untyped format, for every type but AAAA (dual-stack AAAA ownership is independent).
        if (!found && ep.RecordType != RecordTypes.AAAA)
        {
            found = labelMap.TryGetValue(key with { RecordType = string.Empty }, out labels);
        }

        if (found)
        {
            ep.AdoptLabels(labels!);
        }

        MigrateOwner(ep.Labels);

        // An owned, managed record whose new-format TXT is missing is force-updated: the update writes the TXT.
        // (The TXT names were mapped back to (name, type) once while reading, so no TXT name is built per record here.)
        if (labelMap.Count > 0 && IsOwned(ep) && IsManaged(ep.RecordType)
            && !newFormat.Contains((dnsName.ToLowerInvariant(), ep.RecordType))
            && TxtNameMapper.HasValidLabels(_mapper.ToTxtName(ep.DnsName, ep.RecordType)))
        {
            ep.WithProviderSpecific(Labels.ForceUpdateKey, "true");
        }
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

        var storedKey = (TrimDot(name), r.SetIdentifier);
        string value;
        if (write == TxtWrite.Old && _storedTxts.TryGetValue(storedKey, out var old))
        {
            // Delete/update-old must name the value that is in the zone, byte for byte.
            value = old.Value;
        }
        else if (write == TxtWrite.New && _storedTxts.TryGetValue(storedKey, out var current)
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

    private Labels? ParseLabels(string value, out StoredTxt stored)
    {
        if (_aesKey is not null && TxtEncryption.TryDecrypt(value.Trim('"'), _aesKey, out var plain, out var nonce))
        {
            stored = new StoredTxt(value, plain, Encrypted: true);
            var decrypted = Labels.ParsePlain(plain);
            decrypted?[Labels.TxtEncryptionNonceKey] = nonce;
            return decrypted;
        }

        stored = new StoredTxt(value, null, Encrypted: false);
        return Labels.ParsePlain(value, OwnerId);
    }

    private StoredTxt StoredFromWritten(Endpoint txt)
    {
        var value = txt.Targets[0];
        var unquoted = value.Trim('"');
        if (_encrypt && TxtEncryption.TryDecrypt(unquoted, _aesKey!, out var plain, out _))
        {
            return new StoredTxt(value, plain, Encrypted: true);
        }

        return new StoredTxt(value, null, Encrypted: false);
    }

    private List<Endpoint> FilterByOwner(IEnumerable<Endpoint> endpoints)
    {
        var result = new List<Endpoint>();
        foreach (var ep in endpoints)
        {
            if (IsOwned(ep))
            {
                result.Add(ep);
            }
            else
            {
                TxtRegistryLog.SkippingForeignEndpoint(_logger, ep, ep.Labels.Owner, OwnerId);
            }
        }

        return result;
    }

    // Upstream filters both sides independently; pairs stay aligned because an update inherits the current owner.
    // When both lists have the same length they are filtered pairwise so that UpdateNew[i] still replaces UpdateOld[i].
    private (List<Endpoint> Old, List<Endpoint> New) FilterUpdatesByOwner(List<Endpoint> oldSide, List<Endpoint> newSide)
    {
        if (oldSide.Count != newSide.Count)
        {
            return (FilterByOwner(oldSide), FilterByOwner(newSide));
        }

        var keptOld = new List<Endpoint>();
        var keptNew = new List<Endpoint>();
        for (var i = 0; i < oldSide.Count; i++)
        {
            if (IsOwned(oldSide[i]) && IsOwned(newSide[i]))
            {
                keptOld.Add(oldSide[i]);
                keptNew.Add(newSide[i]);
            }
            else
            {
                var foreign = IsOwned(oldSide[i]) ? newSide[i] : oldSide[i];
                TxtRegistryLog.SkippingForeignEndpoint(_logger, foreign, foreign.Labels.Owner, OwnerId);
            }
        }

        return (keptOld, keptNew);
    }

    private bool IsOwned(Endpoint ep) => ep.Labels.TryGetValue(Labels.OwnerKey, out var owner) && owner == OwnerId;

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

    /// <summary>An ownership TXT as stored; the plain text is computed on demand for unencrypted values (a hot path).</summary>
    private sealed record StoredTxt(string Value, string? Decrypted, bool Encrypted)
    {
        public string Plain => Decrypted ?? Value.Trim('"');
    }
}

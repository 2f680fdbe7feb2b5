using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Providers.Azure.Api;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Azure;

/// <summary>
/// ExternalDNS's <c>azure</c> (alias <c>azure-dns</c>) and <c>azure-private-dns</c> providers: zones in the resource
/// group (or the subscription), filtered as upstream (domain filter and <c>--zone-id-filter</c>, or
/// <c>--zone-name-filter</c>); one PUT or DELETE per record set, conditional on the etag read (<c>If-Match</c>) or on
/// absence (<c>If-None-Match: *</c>) so a concurrent change is never overwritten. Unlike upstream, which only logs a
/// failed write, every failure is reported: the other writes still land, then the run fails (transiently) so that the
/// next run retries.
/// </summary>
public sealed class AzureProvider : IDnsProvider, IDisposable
{
    /// <summary>How long a zone list read by <see cref="RecordsAsync"/> is reused by the apply that follows it.</summary>
    public static readonly TimeSpan ZoneListReuse = TimeSpan.FromMinutes(1);

    /// <summary>Upstream's TTL for records whose TTL is not configured.</summary>
    public const long DefaultTtl = 300;

    public const string TagsProperty = "azure/tags";
    public const string MetadataPrefix = "azure/metadata-";
    public const string MetadataKeysProperty = "azure/metadata-keys";

    private readonly IAzureDnsApi _api;
    private readonly AzureProviderOptions _options;
    private readonly DomainFilter _domainFilter;
    private readonly DomainFilter _zoneNameFilter;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly IDisposable? _owned;
    private readonly Lock _lock = new();
    private ZoneSnapshot? _zones;
    private Dictionary<string, AzureRecordSet> _etags = new(StringComparer.Ordinal);

    public AzureProvider(AzureProviderOptions options, IAzureDnsApi api, DomainFilter domainFilter, ILogger<AzureProvider> logger, TimeProvider? time = null, IDisposable? owned = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(domainFilter);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _api = api;
        _domainFilter = domainFilter;
        _zoneNameFilter = new DomainFilter(options.ZoneNameFilter);
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _owned = owned;
    }

    /// <summary>The names inside the managed zones, once they are known (before: every name).</summary>
    public DomainFilter DomainFilter => _zones?.Filter ?? DomainFilter.All;

    /// <summary>
    /// Builds the provider with its ARM client: <paramref name="armHandler"/> carries ARM requests (retries, TLS) and
    /// gets the bearer token handler in front; <paramref name="identityHandler"/> carries Azure.Identity's requests.
    /// </summary>
    public static AzureProvider Create(AzureProviderOptions options, DomainFilter domainFilter, ILoggerFactory loggers, TimeProvider time, HttpMessageHandler armHandler, HttpMessageHandler identityHandler)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var credential = AzureCredentialFactory.Create(options, identityHandler);
        var describe = options.Credential.Describe();
        var bearer = new AzureBearerTokenHandler(credential, options.Scope, time, describe, armHandler);
        var client = new AzureArmClient(options, bearer, disposeHandler: true);
        var logger = loggers.CreateLogger<AzureProvider>();
        AzureLog.Configured(logger, options.ProviderName, options.SubscriptionId, options.ResourceGroup, options.ResourceManagerEndpoint, describe);
        return new AzureProvider(options, client, domainFilter, logger, time, new Disposables(client, identityHandler));
    }

    public async Task<IReadOnlyList<Endpoint>> RecordsAsync(CancellationToken cancellationToken)
    {
        var zones = await ZonesAsync(forRead: true, cancellationToken).ConfigureAwait(false);
        var endpoints = new List<Endpoint>();
        var etags = new Dictionary<string, AzureRecordSet>(StringComparer.Ordinal);
        foreach (var zone in zones.Managed)
        {
            var sets = await _api.ListRecordSetsAsync(zone, cancellationToken).ConfigureAwait(false);
            foreach (var set in sets)
            {
                if (!ArmRecordSetMapper.IsSupported(set.Type, _options.Private) || set.Targets.Count == 0)
                {
                    continue;
                }

                var name = set.Name == "@" ? zone.Name : $"{set.Name}.{zone.Name}";
                if (_options.ZoneNameFilter.Count > 0 && !_domainFilter.Match(name))
                {
                    continue; // upstream: with --zone-name-filter, records outside the domain filter are not reported
                }

                etags[Key(zone.Name, set.Name, set.Type)] = set;
                var endpoint = new Endpoint(name, set.Type, set.Ttl, set.Targets);
                if (set.Metadata.Count > 0)
                {
                    foreach (var (k, v) in set.Metadata)
                    {
                        endpoint.SetProviderSpecific(MetadataPrefix + k, v);
                    }

                    endpoint.SetProviderSpecific(MetadataKeysProperty, string.Join(',', set.Metadata.Keys.Order(StringComparer.Ordinal)));
                }

                endpoints.Add(endpoint);
            }
        }

        lock (_lock)
        {
            _etags = etags;
        }

        AzureLog.RecordsRead(_logger, endpoints.Count, zones.Managed.Count);
        return endpoints;
    }

    public async Task ApplyChangesAsync(Changes changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (!changes.HasChanges)
        {
            return;
        }

        var zones = await ZonesAsync(forRead: false, cancellationToken).ConfigureAwait(false);
        var writes = new List<Write>();
        var ignored = new HashSet<string>(StringComparer.Ordinal);
        void Add(Endpoint endpoint, bool delete, bool create)
        {
            if (!zones.Index.TryFind(endpoint.DnsName, out var zoneName, out var zone))
            {
                if (ignored.Add(endpoint.DnsName))
                {
                    AzureLog.NoZone(_logger, endpoint.DnsName);
                }

                return;
            }

            var name = DnsNames.Normalize(endpoint.DnsName);
            var relative = name == zoneName ? "@" : name[..^(zoneName.Length + 1)];
            writes.Add(new Write(zone, relative, endpoint, delete, create));
        }

        changes.Delete.ForEach(e => Add(e, delete: true, create: false));
        changes.Create.ForEach(e => Add(e, delete: false, create: true));
        changes.UpdateNew.ForEach(e => Add(e, delete: false, create: false));

        var failures = new List<string>();
        var applied = 0;
        var skipped = 0;
        foreach (var write in writes)
        {
            var action = write.Delete ? "delete" : write.Create ? "create" : "update";
            var key = Key(write.Zone.Name, write.Name, write.Endpoint.RecordType);
            AzureRecordSet? known;
            lock (_lock)
            {
                _etags.TryGetValue(key, out known);
            }

            try
            {
                if (write.Delete)
                {
                    AzureLog.Write(_logger, write.Zone.Name, action, write.Endpoint.RecordType, write.Name);
                    await _api.DeleteRecordSetAsync(write.Zone, write.Name, write.Endpoint.RecordType, known?.Etag, cancellationToken).ConfigureAwait(false);
                    lock (_lock)
                    {
                        _etags.Remove(key);
                    }
                }
                else
                {
                    var set = ToRecordSet(write.Name, write.Endpoint) with { Etag = write.Create ? null : known?.Etag };
                    if (_logger.IsEnabled(LogLevel.Debug))
                    {
                        var targets = string.Join(';', set.Targets);
                        AzureLog.WriteDetail(_logger, write.Zone.Name, set.Type, set.Name, targets, set.Ttl);
                    }

                    if (!write.Create && known is not null && SameContent(known, set))
                    {
                        // The registry updates an ownership TXT beside its record even when the TXT itself is unchanged.
                        skipped++;
                        continue;
                    }

                    if (!write.Create && set.Etag is null)
                    {
                        // An update of a record set we have no etag for (records read long ago): overwrite as upstream.
                        set = set with { Etag = "*" };
                    }

                    AzureLog.Write(_logger, write.Zone.Name, action, write.Endpoint.RecordType, write.Name);
                    var etag = await _api.PutRecordSetAsync(write.Zone, set, cancellationToken).ConfigureAwait(false);
                    lock (_lock)
                    {
                        _etags[key] = set with { Etag = etag };
                    }
                }

                applied++;
            }
            catch (Exception e) when (e is AzureApiException or FormatException)
            {
                var reason = e is AzureApiException { IsPreconditionFailed: true }
                    ? "it was changed by someone else since it was read (etag mismatch); it is read again on the next run"
                    : e.Message;
                AzureLog.WriteFailed(_logger, write.Zone.Name, action, write.Endpoint.RecordType, write.Name, reason);
                failures.Add($"{action} {write.Endpoint.RecordType} {write.Endpoint.DnsName} ({reason})");
            }
            catch (ProviderTransientException e)
            {
                AzureLog.WriteFailed(_logger, write.Zone.Name, action, write.Endpoint.RecordType, write.Name, e.Message);
                var left = writes.Count - applied - failures.Count;
                throw new ProviderTransientException(
                    $"Azure: {applied} of {writes.Count} record set writes applied, then {action} {write.Endpoint.RecordType} {write.Endpoint.DnsName} failed transiently ({e.Message}); {left} left for the next run", e);
            }
        }

        AzureLog.Applied(_logger, applied, skipped, failures.Count);
        if (failures.Count > 0)
        {
            throw new ProviderTransientException($"Azure: {failures.Count} of {writes.Count} record set writes failed: {string.Join(", ", failures)}");
        }
    }

    /// <summary>
    /// Expands the <c>azure/tags</c> property (from the <c>azure-tags</c> annotation, <c>k=v,k2=v2</c>) into
    /// <c>azure/metadata-k</c> properties and a sorted <c>azure/metadata-keys</c> list, the form <see cref="RecordsAsync"/>
    /// reports, as upstream. Drops endpoints Azure cannot store (a type the API lacks, a malformed MX or SRV target) and
    /// keeps only the first target of a CNAME (a CNAME record set holds one), each with a warning.
    /// </summary>
    public IReadOnlyList<Endpoint> AdjustEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var result = new List<Endpoint>(endpoints.Count);
        foreach (var endpoint in endpoints)
        {
            if (!ArmRecordSetMapper.IsSupported(endpoint.RecordType, _options.Private))
            {
                var service = _options.Private ? "Azure Private DNS" : "Azure DNS";
                AzureLog.InvalidEndpoint(_logger, endpoint.DnsName, endpoint.RecordType, service + " does not support this record type");
                continue;
            }

            var problem = endpoint.Targets.Select(t => ArmRecordSetMapper.Check(endpoint.RecordType, t)).FirstOrDefault(p => p is not null);
            if (problem is not null)
            {
                AzureLog.InvalidEndpoint(_logger, endpoint.DnsName, endpoint.RecordType, problem);
                continue;
            }

            var adjusted = endpoint;
            if (endpoint.RecordType == RecordTypes.CNAME && endpoint.Targets.Count > 1)
            {
                adjusted = endpoint.Clone();
                adjusted.Targets = new Targets([endpoint.Targets[0]]);
                var kept = endpoint.Targets[0];
                AzureLog.InvalidEndpoint(_logger, endpoint.DnsName, endpoint.RecordType, "a CNAME record set holds one target; using " + kept);
            }

            if (adjusted.GetProviderSpecific(TagsProperty) is { } tags)
            {
                adjusted = adjusted == endpoint ? endpoint.Clone() : adjusted;
                adjusted.RemoveProviderSpecific(TagsProperty);
                var keys = new SortedSet<string>(StringComparer.Ordinal);
                foreach (var tag in tags.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    var parts = tag.Split('=', 2, StringSplitOptions.TrimEntries);
                    if (parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0)
                    {
                        adjusted.SetProviderSpecific(MetadataPrefix + parts[0], parts[1]);
                        keys.Add(parts[0]);
                    }
                }

                if (keys.Count > 0)
                {
                    adjusted.SetProviderSpecific(MetadataKeysProperty, string.Join(',', keys));
                }
            }

            result.Add(adjusted);
        }

        return result;
    }

    public void Dispose() => _owned?.Dispose();

    /// <summary>True when a PUT of <paramref name="next"/> would store what <paramref name="read"/> already holds.</summary>
    private static bool SameContent(AzureRecordSet read, AzureRecordSet next) =>
        read.Ttl == next.Ttl
        && read.Targets.Order(StringComparer.Ordinal).SequenceEqual(next.Targets.Order(StringComparer.Ordinal), StringComparer.Ordinal)
        && read.Metadata.Count == next.Metadata.Count
        && read.Metadata.All(kv => next.Metadata.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private static string Key(string zone, string name, string type) => $"{zone}\u0001{name.ToLowerInvariant()}\u0001{type}";

    private static AzureRecordSet ToRecordSet(string relativeName, Endpoint endpoint)
    {
        var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (endpoint.GetProviderSpecific(MetadataKeysProperty) is { Length: > 0 } keys)
        {
            foreach (var key in keys.Split(','))
            {
                if (endpoint.GetProviderSpecific(MetadataPrefix + key) is { Length: > 0 } value)
                {
                    metadata[key] = value;
                }
            }
        }

        var ttl = endpoint.IsTtlConfigured ? endpoint.RecordTtl : DefaultTtl;
        return new AzureRecordSet(relativeName, endpoint.RecordType, ttl, [.. endpoint.Targets], metadata);
    }

    private async Task<ZoneSnapshot> ZonesAsync(bool forRead, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var cached = _zones;
        if (cached is not null)
        {
            var age = now - cached.ListedAt;
            if ((_options.ZonesCacheDuration > TimeSpan.Zero && age < _options.ZonesCacheDuration) || (!forRead && age < ZoneListReuse))
            {
                AzureLog.ZonesCached(_logger, cached.Managed.Count);
                return cached;
            }
        }

        var all = await _api.ListZonesAsync(_options.ResourceGroup, cancellationToken).ConfigureAwait(false);
        var managed = new List<AzureZone>();
        foreach (var zone in all)
        {
            var byDomain = _domainFilter.Match(zone.Name) && MatchesZoneId(zone.Id);
            var byName = _options.ZoneNameFilter.Count > 0 && _zoneNameFilter.Match(zone.Name);
            if (byDomain || byName)
            {
                managed.Add(zone);
            }
        }

        var index = new ZoneIndex<AzureZone>();
        foreach (var zone in managed)
        {
            index.Add(zone.Name, zone);
        }

        AzureLog.ZonesListed(_logger, all.Count, managed.Count);
        var snapshot = new ZoneSnapshot(managed, index, managed.Count > 0 ? index.ToDomainFilter() : DomainFilter.All, now);
        _zones = snapshot;
        return snapshot;
    }

    private bool MatchesZoneId(string id) =>
        _options.ZoneIdFilter.Count == 0 || _options.ZoneIdFilter.Any(f => id.EndsWith(f, StringComparison.OrdinalIgnoreCase));

    private sealed record Write(AzureZone Zone, string Name, Endpoint Endpoint, bool Delete, bool Create);

    private sealed record ZoneSnapshot(IReadOnlyList<AzureZone> Managed, ZoneIndex<AzureZone> Index, DomainFilter Filter, DateTimeOffset ListedAt);

    private sealed class Disposables(params IDisposable[] items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in items)
            {
                item.Dispose();
            }
        }
    }
}

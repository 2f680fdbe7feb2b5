using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Batching;
using ExternalDns.Providers.Aws.Api;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Aws;

/// <summary>
/// ExternalDNS's <c>aws</c> provider: Route53 hosted zones (one client per <c>--aws-profile</c>, zones merged), filtered
/// by zone id, type, domain (or parent domain) and tags; records read page by page (300 a page); changes written as
/// change batches per zone within the count/bytes/values limits, a record and its ownership TXT always in one batch.
/// A rejected batch is split until every valid change has landed; the rejected ones are reported by name and the
/// reconcile fails as transient (retried next interval). Deletes send exactly the record set that was read.
/// </summary>
public sealed class AwsProvider : IDnsProvider, IDisposable
{
    private readonly AwsProviderOptions _options;
    private readonly IReadOnlyList<(string Profile, IRoute53Api Api)> _clients;
    private readonly DomainFilter _domainFilter;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly AwsEndpointAdjuster _adjuster;
    private readonly Lock _lock = new();
    private readonly HashSet<string> _warnedNoZone = new(StringComparer.Ordinal);
    private Dictionary<string, string> _pins = new(StringComparer.Ordinal);
    private AwsZoneSet? _zones;
    private Dictionary<string, List<(AwsZone Zone, ResourceRecordSet Set)>> _read = new(StringComparer.Ordinal);
    private string? _warnedFilters;

    public AwsProvider(
        AwsProviderOptions options,
        IReadOnlyList<(string Profile, IRoute53Api Api)> clients,
        DomainFilter domainFilter,
        ILogger<AwsProvider> logger,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(domainFilter);
        ArgumentNullException.ThrowIfNull(logger);
        if (clients.Count == 0)
        {
            throw new ArgumentException("at least one Route53 client is needed", nameof(clients));
        }

        _options = options;
        _clients = clients;
        _domainFilter = domainFilter;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _adjuster = new AwsEndpointAdjuster(options, logger);
    }

    /// <summary>The names inside the managed zones (known after the first <see cref="RecordsAsync"/>; every name before).</summary>
    public DomainFilter DomainFilter => _zones?.DomainFilter ?? DomainFilter.All;

    /// <inheritdoc />
    public async Task<IReadOnlyList<Endpoint>> RecordsAsync(CancellationToken cancellationToken)
    {
        var zones = await ZonesAsync(cancellationToken).ConfigureAwait(false);
        var endpoints = new List<Endpoint>();
        var read = new Dictionary<string, List<(AwsZone, ResourceRecordSet)>>(StringComparer.Ordinal);
        var pages = 0;
        foreach (var zone in zones.Zones)
        {
            RecordSetStart? start = null;
            do
            {
                var page = await zone.Api.ListResourceRecordSetsAsync(zone.Id, start, AwsProviderOptions.RecordSetPageSize, cancellationToken).ConfigureAwait(false);
                pages++;
                foreach (var set in page.RecordSets)
                {
                    var endpoint = AwsRecordMapper.ToEndpoint(set);
                    if (endpoint is null)
                    {
                        continue;
                    }

                    endpoints.Add(endpoint);
                    var key = ReadKey(endpoint.DnsName, endpoint.RecordType, endpoint.SetIdentifier);
                    if (!read.TryGetValue(key, out var list))
                    {
                        read[key] = list = [];
                    }

                    list.Add((zone, set));
                }

                start = page.Next;
            }
            while (start is not null);
        }

        lock (_lock)
        {
            _read = read;
        }

        AwsLog.RecordsRead(_logger, endpoints.Count, zones.Zones.Count, pages);
        return endpoints;
    }

    /// <inheritdoc />
    public IReadOnlyList<Endpoint> AdjustEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var pins = new Dictionary<string, string>(StringComparer.Ordinal);
        var adjusted = _adjuster.Adjust(endpoints, pins);
        var zones = _zones;
        if (zones is not null)
        {
            foreach (var ep in adjusted)
            {
                if (zones.Suitable(ep.DnsName).Count == 0 && _domainFilter.Match(ep.DnsName))
                {
                    bool first;
                    lock (_lock)
                    {
                        first = _warnedNoZone.Add(ep.DnsName + " " + ep.RecordType);
                    }

                    if (first)
                    {
                        AwsLog.NoZone(_logger, ep.DnsName, ep.RecordType);
                    }
                }
            }
        }

        lock (_lock)
        {
            _pins = pins;
        }

        return adjusted;
    }

    /// <inheritdoc />
    public async Task ApplyChangesAsync(Changes changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (!changes.HasChanges)
        {
            return;
        }

        var zones = _zones ?? await ZonesAsync(cancellationToken).ConfigureAwait(false);
        Dictionary<string, List<(AwsZone Zone, ResourceRecordSet Set)>> read;
        Dictionary<string, string> pins;
        lock (_lock)
        {
            read = _read;
            pins = _pins;
        }

        var perZone = new Dictionary<string, (AwsZone Zone, List<AwsPendingChange> Changes, HashSet<string> Seen)>(StringComparer.Ordinal);
        void Add(AwsZone zone, Change change, string group)
        {
            if (!perZone.TryGetValue(zone.Id, out var entry))
            {
                perZone[zone.Id] = entry = (zone, [], new HashSet<string>(StringComparer.Ordinal));
            }

            var pending = AwsPendingChange.Create(change, group);
            if (entry.Seen.Add(pending.Identity))
            {
                entry.Changes.Add(pending);
            }
        }

        void Write(ChangeAction action, Endpoint ep, string group)
        {
            foreach (var zone in TargetZones(ep, zones, pins))
            {
                Add(zone, new Change(action, AwsRecordMapper.ToRecordSet(ep, zone.Id, _options.EvaluateTargetHealth)), group);
            }
        }

        void Delete(Endpoint ep, string group)
        {
            if (read.TryGetValue(ReadKey(ep.DnsName, ep.RecordType, ep.SetIdentifier), out var sources))
            {
                foreach (var (zone, set) in sources)
                {
                    if (zones.ById.ContainsKey(zone.Id))
                    {
                        Add(zone, new Change(ChangeAction.Delete, set), group);
                    }
                }
            }
            else
            {
                Write(ChangeAction.Delete, ep, group);
            }
        }

        foreach (var ep in changes.Create)
        {
            Write(ChangeAction.Create, ep, Group(ep));
        }

        for (var i = 0; i < changes.UpdateNew.Count; i++)
        {
            var newEp = changes.UpdateNew[i];
            var oldEp = i < changes.UpdateOld.Count ? changes.UpdateOld[i] : null;
            if (oldEp is not null && RequiresDeleteCreate(oldEp, newEp))
            {
                Delete(oldEp, Group(newEp));
                Write(ChangeAction.Create, newEp, Group(newEp));
            }
            else
            {
                Write(ChangeAction.Upsert, newEp, Group(newEp));
            }
        }

        foreach (var ep in changes.Delete)
        {
            Delete(ep, Group(ep));
        }

        var rejected = new List<string>();
        var total = 0;
        var limits = new BatchLimits(_options.BatchChangeSize, _options.BatchChangeSizeBytes, _options.BatchChangeSizeValues);
        foreach (var (zone, pending, _) in perZone.Values.OrderBy(z => z.Zone.Name, StringComparer.Ordinal).ThenBy(z => z.Zone.Id, StringComparer.Ordinal))
        {
            total += pending.Count;
            var batches = ChangeBatcher.Chunk(pending, c => c.Group, c => new BatchCost(1, c.Bytes, c.Values), limits, out var oversized);
            foreach (var group in oversized.GroupBy(c => c.Group, StringComparer.Ordinal))
            {
                var detail = $"{group.Count()} change(s), {group.Sum(c => c.Bytes)} bytes, {group.Sum(c => c.Values)} values";
                AwsLog.Oversized(_logger, group.Key, detail, _options.BatchChangeSize, _options.BatchChangeSizeBytes, _options.BatchChangeSizeValues);
                rejected.Add($"{group.Key} ({detail} exceed the batch limits)");
            }

            var result = await ChangeBatcher.ApplyAsync(
                batches,
                c => c.Group,
                (batch, ct) => ApplyBatchAsync(zone, batch, ct),
                e => e is InvalidChangeBatchException,
                _options.BatchChangeInterval,
                _time,
                cancellationToken).ConfigureAwait(false);
            foreach (var (group, error) in result.Rejected)
            {
                AwsLog.Rejected(_logger, zone.Zone.Name, zone.Id, group[0].Group, error);
                rejected.Add($"{group[0].Group} ({error})");
            }

            AwsLog.Applied(_logger, zone.Zone.Name, zone.Id, result.Applied.Count, result.Calls);
        }

        if (rejected.Count > 0)
        {
            throw new ProviderTransientException($"{rejected.Count} of {total} changes rejected: {string.Join(", ", rejected)}");
        }
    }

    public void Dispose()
    {
        foreach (var (_, api) in _clients)
        {
            (api as IDisposable)?.Dispose();
        }
    }

    /// <summary>Upstream's <c>requiresDeleteCreate</c>: type, alias-ness, set identifier or routing policy changed.</summary>
    internal static bool RequiresDeleteCreate(Endpoint oldEp, Endpoint newEp)
    {
        if (oldEp.RecordType != newEp.RecordType || oldEp.SetIdentifier != newEp.SetIdentifier)
        {
            return true;
        }

        if (oldEp.RecordType is RecordTypes.A or RecordTypes.AAAA
            && (oldEp.GetProviderSpecific(AwsProperties.Alias) == "true") != (newEp.GetProviderSpecific(AwsProperties.Alias) == "true"))
        {
            return true;
        }

        foreach (var property in AwsProperties.RoutingPolicies)
        {
            if ((oldEp.GetProviderSpecific(property) is null) != (newEp.GetProviderSpecific(property) is null))
            {
                return true;
            }
        }

        return false;
    }

    private static string Group(Endpoint ep) => ChangeBatcher.OwnershipKey(ep);

    private static string ReadKey(string name, string type, string setIdentifier) =>
        DnsNames.Normalize(name) + "|" + type + "|" + setIdentifier;

    private List<AwsZone> TargetZones(Endpoint ep, AwsZoneSet zones, Dictionary<string, string> pins)
    {
        var suitable = zones.Suitable(ep.DnsName);
        var pinKey = ep.Labels.TryGetValue(Labels.OwnedRecordKey, out var owned) && owned.Length > 0 ? owned : ep.DnsName;
        if (pins.TryGetValue(AwsEndpointAdjuster.PinKey(pinKey), out var pinned))
        {
            var match = suitable.Where(z => z.Id == pinned).ToList();
            if (match.Count == 0)
            {
                AwsLog.PinnedZoneMissing(_logger, ep.DnsName, ep.RecordType, pinned);
            }

            return match;
        }

        if (suitable.Count == 0)
        {
            AwsLog.NoZone(_logger, ep.DnsName, ep.RecordType);
        }

        return suitable;
    }

    /// <summary>One ChangeResourceRecordSets call; deletes first, then upserts, then creates (a delete frees a name a create in the same batch takes).</summary>
    private async Task ApplyBatchAsync(AwsZone zone, IReadOnlyList<AwsPendingChange> batch, CancellationToken cancellationToken)
    {
        var ordered = batch
            .OrderBy(c => c.Change.Action switch { ChangeAction.Delete => 0, ChangeAction.Upsert => 1, _ => 2 })
            .ThenBy(c => c.Change.RecordSet.Name, StringComparer.Ordinal)
            .ThenBy(c => c.Change.RecordSet.Type, StringComparer.Ordinal)
            .ToList();
        if (_logger.IsEnabled(LogLevel.Information))
        {
            foreach (var c in ordered)
            {
                var action = c.Change.Action switch { ChangeAction.Create => "CREATE", ChangeAction.Delete => "DELETE", _ => "UPSERT" };
                AwsLog.Change(_logger, zone.Zone.Name, zone.Id, action, c.Name, c.Change.RecordSet.Type);
            }
        }

        await zone.Api.ChangeResourceRecordSetsAsync(zone.Id, [.. ordered.Select(c => c.Change)], cancellationToken).ConfigureAwait(false);
    }

    private async Task<AwsZoneSet> ZonesAsync(CancellationToken cancellationToken)
    {
        var cached = _zones;
        var now = _time.GetUtcNow();
        if (cached is not null && _options.ZonesCacheDuration > TimeSpan.Zero && now - cached.ListedAt < _options.ZonesCacheDuration)
        {
            AwsLog.ZonesCached(_logger, now - cached.ListedAt);
            return cached;
        }

        var listed = new List<AwsZone>();
        foreach (var (profile, api) in _clients)
        {
            string? marker = null;
            do
            {
                var page = await api.ListHostedZonesAsync(marker, cancellationToken).ConfigureAwait(false);
                listed.AddRange(page.Zones.Select(z => new AwsZone(z, profile, api)));
                marker = page.NextMarker;
            }
            while (marker is not null);
        }

        // Several profiles may reach the same account: a zone is managed once, through the first profile that lists it.
        listed = [.. listed.DistinctBy(z => z.Id, StringComparer.Ordinal)];
        var candidates = listed.Where(z => MatchesId(z) && MatchesType(z) && MatchesDomain(z)).ToList();
        var unmatched = new List<string>();
        foreach (var id in _options.ZoneIdFilter.Where(f => f.Length > 0))
        {
            if (!listed.Any(z => z.Id.EndsWith(AwsRecordMapper.StripZonePrefix(id), StringComparison.Ordinal)))
            {
                unmatched.Add("id:" + id);
            }
        }

        var managed = candidates;
        if (_options.ZoneTags.Count > 0)
        {
            managed = [];
            foreach (var byClient in candidates.GroupBy(z => z.Api))
            {
                foreach (var chunk in byClient.Chunk(10))
                {
                    var tags = await byClient.Key.ListTagsForResourcesAsync([.. chunk.Select(z => z.Id)], cancellationToken).ConfigureAwait(false);
                    managed.AddRange(chunk.Where(z => tags.TryGetValue(z.Id, out var t) && MatchesTags(t)));
                }
            }

            if (managed.Count == 0)
            {
                unmatched.Add("tags:" + string.Join(',', _options.ZoneTags.Select(kv => kv.Value.Length == 0 ? kv.Key : kv.Key + "=" + kv.Value)));
            }
        }

        WarnUnmatched(unmatched, candidates.Count);
        var set = new AwsZoneSet(managed, now);
        if (_zones is null || !_zones.Zones.Select(z => z.Id).SequenceEqual(set.Zones.Select(z => z.Id)))
        {
            lock (_lock)
            {
                _warnedNoZone.Clear();
            }
        }

        _zones = set;
        AwsLog.ZonesListed(_logger, managed.Count, listed.Count);
        return set;
    }

    private void WarnUnmatched(List<string> unmatched, int candidates)
    {
        var key = string.Join('\n', unmatched);
        if (key == _warnedFilters)
        {
            return;
        }

        _warnedFilters = key;
        foreach (var entry in unmatched)
        {
            if (entry.StartsWith("id:", StringComparison.Ordinal))
            {
                AwsLog.ZoneIdFilterUnmatched(_logger, entry[3..]);
            }
            else
            {
                AwsLog.ZoneTagsUnmatched(_logger, entry[5..], candidates);
            }
        }
    }

    private bool MatchesId(AwsZone zone) =>
        _options.ZoneIdFilter.Count == 0 || _options.ZoneIdFilter.All(f => f.Length == 0)
        || _options.ZoneIdFilter.Any(f => f.Length > 0 && zone.Id.EndsWith(AwsRecordMapper.StripZonePrefix(f), StringComparison.Ordinal));

    private bool MatchesType(AwsZone zone) => _options.ZoneType switch
    {
        AwsZoneType.Public => !zone.Zone.IsPrivate,
        AwsZoneType.Private => zone.Zone.IsPrivate,
        _ => true,
    };

    private bool MatchesDomain(AwsZone zone)
    {
        if (_domainFilter.Match(zone.Name))
        {
            return true;
        }

        if (!_options.ZoneMatchParent || _domainFilter.IsRegex)
        {
            return false;
        }

        if (_domainFilter.Exclude.Any(e => zone.Name == DnsNames.Normalize(e.TrimStart('.')) || zone.Name.EndsWith("." + DnsNames.Normalize(e.TrimStart('.')), StringComparison.Ordinal)))
        {
            return false;
        }

        return _domainFilter.Include.Count == 0
            || _domainFilter.Include.Any(f => f.Length > 0 && !f.StartsWith('.') && DnsNames.Normalize(f).EndsWith("." + zone.Name, StringComparison.Ordinal));
    }

    private bool MatchesTags(IReadOnlyDictionary<string, string> tags) =>
        _options.ZoneTags.All(kv => tags.TryGetValue(kv.Key, out var value) && (kv.Value.Length == 0 || value == kv.Value));
}

using System.Collections.Concurrent;
using System.Globalization;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Batching;
using ExternalDns.Providers.Google.Api;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Google;

/// <summary>
/// ExternalDNS's <c>google</c> provider: Google Cloud DNS. Zones are the project's managed zones that match the domain
/// filter, <c>--google-zone-visibility</c> and <c>--zone-id-filter</c> (peering and forwarding zones are skipped).
/// Records are the zone's record sets of the types upstream reads (A, AAAA, CNAME, DNAME, MX, NS, SRV, TXT).
/// Changes go per zone, a record and its ownership TXT in the same change, at most <c>--google-batch-change-size</c>
/// additions plus deletions per change, <c>--google-batch-change-interval</c> apart. Deletions name the record set
/// exactly as it was read (TTL and rrdatas), as Cloud DNS requires. A change Cloud DNS rejects is split until every
/// valid part has landed (upstream stops at the first failing batch, ED#3307); the rejected names are reported as a
/// transient failure so the run is retried.
/// </summary>
public sealed class GoogleProvider : IDnsProvider, IDisposable
{
    private static readonly HashSet<string> ReadTypes = new(StringComparer.Ordinal)
    {
        RecordTypes.A, RecordTypes.AAAA, RecordTypes.CNAME, "DNAME", RecordTypes.SRV, RecordTypes.TXT, RecordTypes.NS, RecordTypes.MX,
    };

    private readonly GoogleProviderOptions _options;
    private readonly ICloudDnsApi _api;
    private readonly Func<CancellationToken, Task<string>> _projectSource;
    private readonly DomainFilter _domainFilter;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _projectGate = new(1, 1);
    private readonly ConcurrentDictionary<(string Zone, string Name, string Type), CloudDnsResourceRecordSet> _current = new();
    private readonly IReadOnlyList<IDisposable> _owned;
    private readonly Action? _beforeRead;
    private string? _project;
    private volatile ZoneSnapshot? _zones;

    /// <param name="options">Validated options.</param>
    /// <param name="api">The Cloud DNS API.</param>
    /// <param name="projectSource">Called once when <see cref="GoogleProviderOptions.Project"/> is empty (the metadata server).</param>
    /// <param name="domainFilter">The user's domain filter.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="time">Clock for the batch interval and change polling.</param>
    /// <param name="owned">Disposed with the provider (the API client, the token source).</param>
    /// <param name="beforeRead">Called as each reconcile starts (its first call is a read): resets a retry budget the
    /// host does not reset itself.</param>
    public GoogleProvider(GoogleProviderOptions options, ICloudDnsApi api, Func<CancellationToken, Task<string>> projectSource, DomainFilter domainFilter, ILogger<GoogleProvider> logger, TimeProvider time, IReadOnlyList<IDisposable>? owned = null, Action? beforeRead = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(projectSource);
        ArgumentNullException.ThrowIfNull(domainFilter);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _api = api;
        _projectSource = projectSource;
        _domainFilter = domainFilter;
        _logger = logger;
        _time = time;
        _owned = owned ?? [];
        _beforeRead = beforeRead;
        _project = string.IsNullOrWhiteSpace(options.Project) ? null : options.Project.Trim();
    }

    /// <summary>The names inside the managed zones (known after the first read; before, every name).</summary>
    public DomainFilter DomainFilter => _zones?.Filter ?? DomainFilter.All;

    /// <summary>Cloud DNS changes created so far.</summary>
    public int ChangesCreated { get; private set; }

    public async Task<IReadOnlyList<Endpoint>> RecordsAsync(CancellationToken cancellationToken)
    {
        _beforeRead?.Invoke();
        var project = await ProjectAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = await ListZonesAsync(project, cancellationToken).ConfigureAwait(false);
        var perZone = new List<Endpoint>[snapshot.Zones.Count];
        var pages = 0;
        using var gate = new SemaphoreSlim(4);
        await Task.WhenAll(snapshot.Zones.Select((zone, i) => ReadZoneAsync(zone, i))).ConfigureAwait(false);
        var result = perZone.SelectMany(e => e).ToList();
        GoogleLog.RecordsRead(_logger, result.Count, snapshot.Zones.Count, pages);
        return result;

        async Task ReadZoneAsync(CloudDnsManagedZone zone, int index)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var endpoints = new List<Endpoint>();
                var seen = new HashSet<(string, string)>();
                string? token = null;
                do
                {
                    var page = await _api.ListResourceRecordSetsAsync(project, zone.Name, token, cancellationToken).ConfigureAwait(false);
                    Interlocked.Increment(ref pages);
                    foreach (var rrset in page.Rrsets)
                    {
                        if (!ReadTypes.Contains(rrset.Type) || string.IsNullOrEmpty(rrset.Name))
                        {
                            continue;
                        }

                        var key = (zone.Name, Key(rrset.Name), rrset.Type);
                        _current[key] = rrset;
                        seen.Add((key.Item2, key.Type));
                        endpoints.Add(new Endpoint(rrset.Name, rrset.Type, rrset.Ttl, rrset.Rrdatas));
                    }

                    token = string.IsNullOrEmpty(page.NextPageToken) ? null : page.NextPageToken;
                }
                while (token is not null);

                // Forget record sets of this zone that are gone.
                foreach (var key in _current.Keys.Where(k => k.Zone == zone.Name && !seen.Contains((k.Name, k.Type))).ToList())
                {
                    _current.TryRemove(key, out _);
                }

                perZone[index] = endpoints;
            }
            finally
            {
                gate.Release();
            }
        }
    }

    public async Task ApplyChangesAsync(Changes changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (!changes.HasChanges)
        {
            return;
        }

        var project = await ProjectAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = _zones;
        if (snapshot is null || _time.GetUtcNow() - snapshot.ListedAt > _options.ZoneListReuse)
        {
            snapshot = await ListZonesAsync(project, cancellationToken).ConfigureAwait(false);
        }

        var items = new List<GoogleChangeItem>();
        foreach (var ep in changes.Create.Concat(changes.UpdateNew))
        {
            AddItem(ep, isAddition: true);
        }

        foreach (var ep in changes.UpdateOld.Concat(changes.Delete))
        {
            AddItem(ep, isAddition: false);
        }

        var total = items.Count;
        var rejected = new List<string>();
        var applied = 0;
        var calls = 0;
        var firstZone = true;
        foreach (var zoneItems in items.GroupBy(i => i.Zone.Name, StringComparer.Ordinal))
        {
            var zone = zoneItems.First().Zone;
            var batches = ChangeBatcher.Chunk(
                zoneItems, i => i.Group, i => new BatchCost(1, i.DataBytes, i.RecordSet.Rrdatas.Count),
                new BatchLimits(Math.Max(1, _options.BatchChangeSize), GoogleProviderOptions.MaxRecordDataBytesPerChange), out var oversized);
            foreach (var group in oversized.GroupBy(i => i.Group, StringComparer.Ordinal))
            {
                GoogleLog.Oversized(_logger, group.Key, group.Count(), _options.BatchChangeSize);
                rejected.Add($"{group.Key} (more changes than a batch may hold)");
            }

            if (batches.Count == 0)
            {
                continue;
            }

            if (!firstZone && _options.BatchChangeInterval > TimeSpan.Zero)
            {
                await Task.Delay(_options.BatchChangeInterval, _time, cancellationToken).ConfigureAwait(false);
            }

            firstZone = false;
            var result = await ChangeBatcher.ApplyAsync(
                batches,
                i => i.Group,
                (batch, ct) => SubmitAsync(project, zone, batch, ct),
                ex => ex is CloudDnsApiException { IsRejectedChange: true },
                _options.BatchChangeInterval,
                _time,
                cancellationToken).ConfigureAwait(false);
            applied += result.Applied.Count;
            calls += result.Calls;
            foreach (var (group, error) in result.Rejected)
            {
                var name = group[0].Group;
                GoogleLog.Rejected(_logger, name, zone.Name, error);
                rejected.Add($"{name} ({error})");
            }
        }

        GoogleLog.Applied(_logger, applied, calls);
        if (rejected.Count > 0)
        {
            throw new ProviderTransientException(
                string.Create(CultureInfo.InvariantCulture, $"{total - applied} of {total} Cloud DNS record set changes rejected: {string.Join(", ", rejected)}"));
        }

        void AddItem(Endpoint ep, bool isAddition)
        {
            if (!snapshot.Index.TryFind(ep.DnsName, out _, out var zone))
            {
                GoogleLog.NoMatchingZone(_logger, ep.DnsName, ep.RecordType);
                return;
            }

            var rrset = isAddition ? ToRecordSet(ep) : CurrentOrBuilt(zone, ep);
            items.Add(new GoogleChangeItem(zone, isAddition, rrset, ChangeBatcher.OwnershipKey(ep)));
        }
    }

    /// <summary>Sets the TTL Cloud DNS will store (300 when none is configured, as upstream writes), so that the plan
    /// compares like with like and a second run plans nothing.</summary>
    public IReadOnlyList<Endpoint> AdjustEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var result = new List<Endpoint>(endpoints.Count);
        foreach (var endpoint in endpoints)
        {
            if (endpoint.RecordTtl > 0)
            {
                result.Add(endpoint);
                continue;
            }

            var copy = endpoint.Clone();
            copy.RecordTtl = GoogleProviderOptions.DefaultTtl;
            result.Add(copy);
        }

        return result;
    }

    public void Dispose()
    {
        _projectGate.Dispose();
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    /// <summary>Upstream's <c>newRecord</c>: absolute name; absolute targets for CNAME, MX, NS and SRV; TTL 300 when unset.</summary>
    internal static CloudDnsResourceRecordSet ToRecordSet(Endpoint ep)
    {
        var absoluteTargets = ep.RecordType is RecordTypes.CNAME or RecordTypes.MX or RecordTypes.NS or RecordTypes.SRV;
        return new CloudDnsResourceRecordSet
        {
            Name = EnsureDot(ep.DnsName),
            Type = ep.RecordType,
            Ttl = ep.RecordTtl > 0 ? (int)Math.Min(ep.RecordTtl, int.MaxValue) : GoogleProviderOptions.DefaultTtl,
            Rrdatas = [.. ep.Targets.Select(t => absoluteTargets ? EnsureDot(t) : t)],
        };
    }

    private CloudDnsResourceRecordSet CurrentOrBuilt(CloudDnsManagedZone zone, Endpoint ep) =>
        _current.TryGetValue((zone.Name, Key(ep.DnsName), ep.RecordType), out var current) ? current : ToRecordSet(ep);

    private async Task SubmitAsync(string project, CloudDnsManagedZone zone, IReadOnlyList<GoogleChangeItem> batch, CancellationToken cancellationToken)
    {
        var change = new CloudDnsChange();
        foreach (var item in batch)
        {
            (item.IsAddition ? change.Additions : change.Deletions).Add(item.RecordSet);
            if (_logger.IsEnabled(LogLevel.Information))
            {
                var rrdatas = string.Join(' ', item.RecordSet.Rrdatas);
                GoogleLog.RecordChange(_logger, zone.Name, item.IsAddition ? "add" : "delete", item.RecordSet.Name, item.RecordSet.Type, rrdatas, item.RecordSet.Ttl);
            }
        }

        var created = await _api.CreateChangeAsync(project, zone.Name, change, cancellationToken).ConfigureAwait(false);
        ChangesCreated++;
        GoogleLog.ChangeCreated(_logger, created.Id ?? "?", zone.Name, change.Additions.Count, change.Deletions.Count, created.Status);

        // What is in the zone now: deletions gone, additions as sent.
        foreach (var item in batch.Where(i => !i.IsAddition))
        {
            _current.TryRemove((zone.Name, Key(item.RecordSet.Name), item.RecordSet.Type), out _);
        }

        foreach (var item in batch.Where(i => i.IsAddition))
        {
            _current[(zone.Name, Key(item.RecordSet.Name), item.RecordSet.Type)] = item.RecordSet;
        }

        await WaitUntilDoneAsync(project, zone, created, cancellationToken).ConfigureAwait(false);
    }

    private async Task WaitUntilDoneAsync(string project, CloudDnsManagedZone zone, CloudDnsChange change, CancellationToken cancellationToken)
    {
        if (change.IsDone || string.IsNullOrEmpty(change.Id))
        {
            return;
        }

        var started = _time.GetUtcNow();
        var delay = _options.ChangePollInterval;
        while (true)
        {
            var waited = _time.GetUtcNow() - started;
            if (waited >= _options.ChangeWaitTimeout)
            {
                GoogleLog.StillPending(_logger, change.Id, zone.Name, waited);
                return;
            }

            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            var polled = await _api.GetChangeAsync(project, zone.Name, change.Id, cancellationToken).ConfigureAwait(false);
            if (polled.IsDone)
            {
                return;
            }

            delay = delay * 2 > _options.ChangePollMaxInterval ? _options.ChangePollMaxInterval : delay * 2;
        }
    }

    private async Task<string> ProjectAsync(CancellationToken cancellationToken)
    {
        if (_project is not null)
        {
            return _project;
        }

        await _projectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_project is null)
            {
                var project = await _projectSource(cancellationToken).ConfigureAwait(false);
                GoogleLog.ProjectDetected(_logger, project);
                _project = project;
            }

            return _project;
        }
        finally
        {
            _projectGate.Release();
        }
    }

    private async Task<ZoneSnapshot> ListZonesAsync(string project, CancellationToken cancellationToken)
    {
        var managed = new List<CloudDnsManagedZone>();
        var index = new ZoneIndex<CloudDnsManagedZone>();
        string? token = null;
        do
        {
            var page = await _api.ListManagedZonesAsync(project, token, cancellationToken).ConfigureAwait(false);
            foreach (var zone in page.ManagedZones)
            {
                var reason = FilteredBecause(zone);
                if (reason is not null)
                {
                    GoogleLog.ZoneFiltered(_logger, zone.Name, zone.DnsName, zone.Visibility, reason);
                    continue;
                }

                GoogleLog.ZoneMatched(_logger, zone.Name, zone.DnsName, zone.Visibility);
                managed.Add(zone);
                index.Add(zone.DnsName, zone);
            }

            token = string.IsNullOrEmpty(page.NextPageToken) ? null : page.NextPageToken;
        }
        while (token is not null);

        if (managed.Count == 0)
        {
            GoogleLog.NoZones(_logger, project);
        }

        var snapshot = new ZoneSnapshot(managed, index, index.ToDomainFilter(), _time.GetUtcNow());
        _zones = snapshot;
        return snapshot;
    }

    private string? FilteredBecause(CloudDnsManagedZone zone)
    {
        if (zone.PeeringConfig is { ValueKind: not System.Text.Json.JsonValueKind.Null })
        {
            return "a peering zone";
        }

        if (zone.ForwardingConfig is { ValueKind: not System.Text.Json.JsonValueKind.Null })
        {
            return "a forwarding zone";
        }

        if (string.IsNullOrEmpty(zone.DnsName) || !_domainFilter.Match(zone.DnsName))
        {
            return "outside the domain filter";
        }

        if (_options.ZoneVisibility.Length > 0 && !string.Equals(zone.Visibility, _options.ZoneVisibility, StringComparison.Ordinal))
        {
            return "other visibility than --google-zone-visibility";
        }

        var filter = _options.ZoneIdFilter.Where(f => f.Length > 0).ToList();
        if (filter.Count > 0)
        {
            var id = zone.Id.ToString(CultureInfo.InvariantCulture);
            if (!filter.Any(f => id.EndsWith(f, StringComparison.Ordinal) || zone.Name.EndsWith(f, StringComparison.Ordinal)))
            {
                return "not in --zone-id-filter";
            }
        }

        return null;
    }

    private static string Key(string name) => DnsNames.Normalize(name);

    private static string EnsureDot(string name) => name.EndsWith('.') ? name : name + ".";

    private sealed record ZoneSnapshot(IReadOnlyList<CloudDnsManagedZone> Zones, ZoneIndex<CloudDnsManagedZone> Index, DomainFilter Filter, DateTimeOffset ListedAt);
}

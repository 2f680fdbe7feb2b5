using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Providers.PowerDns.Api;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.PowerDns;

/// <summary>
/// ExternalDNS's <c>pdns</c> provider: reads and writes records of a PowerDNS Authoritative server through its HTTP
/// API (<c>/api/v1/servers/{id}/zones</c>). Zones are those on the server whose names match the domain filter;
/// records go to the longest matching zone. Each <see cref="ApplyChangesAsync"/> sends one PATCH per changed zone.
/// </summary>
public sealed class PowerDnsProvider : IDnsProvider, IDisposable
{
    /// <summary>How long the zone list read by <see cref="RecordsAsync"/> is reused by the next apply.</summary>
    public static readonly TimeSpan ZoneListReuse = TimeSpan.FromMinutes(1);

    private const int ParallelZoneReads = 4;

    private readonly PowerDnsApiClient _client;
    private readonly DomainFilter _domainFilter;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private volatile ZoneSnapshot? _zones;

    /// <summary>Creates the provider; no request is sent until the first call.</summary>
    /// <param name="options">The <c>--pdns-*</c> (and <c>--tls-*</c>) flags. Throws <see cref="ProviderConfigurationException"/> when the API key is missing or the server is not an http(s) URL.</param>
    /// <param name="domainFilter">The domain filter (<c>--domain-filter</c>, …): only zones whose names match are read and written.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="http">The shared HTTP handler stack (<c>ProviderContext.Http</c>); its clock also times the zone list reuse.</param>
    public PowerDnsProvider(PowerDnsProviderOptions options, DomainFilter domainFilter, ILogger<PowerDnsProvider> logger, ProviderHttpFactory http)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(domainFilter);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(http);
        _domainFilter = domainFilter;
        _logger = logger;
        _timeProvider = http.Time;
        _client = new PowerDnsApiClient(options, logger, http);
    }

    /// <summary>
    /// Creates the provider with an HTTP stack of its own, whose metrics go to a registry nobody renders: for callers
    /// that have no <see cref="ProviderHttpFactory"/> yet. Prefer the constructor that takes one.
    /// </summary>
    /// <param name="options">The <c>--pdns-*</c> flags.</param>
    /// <param name="domainFilter">The domain filter.</param>
    /// <param name="logger">Logger (also of the HTTP stack).</param>
    /// <param name="timeProvider">Clock for timeouts, retry backoff and the zone list reuse; null for the system clock.</param>
    public PowerDnsProvider(PowerDnsProviderOptions options, DomainFilter domainFilter, ILogger<PowerDnsProvider> logger, TimeProvider? timeProvider = null)
        : this(options, domainFilter, logger, OwnHttp(logger, timeProvider ?? TimeProvider.System))
    {
    }

    /// <summary>HTTP requests sent to PowerDNS so far (every attempt counts).</summary>
    public long RequestCount => _client.RequestCount;

    /// <summary>
    /// The names inside the zones on the server (all of them, not only those in the domain filter: the controller
    /// intersects with its own filter, as upstream's <c>GetDomainFilter</c>). Known after the first
    /// <see cref="RecordsAsync"/>; before that, and when the server has no zones, it matches every name.
    /// </summary>
    public DomainFilter DomainFilter => _zones?.AllZonesFilter ?? DomainFilter.All;

    /// <inheritdoc />
    public async Task<IReadOnlyList<Endpoint>> RecordsAsync(CancellationToken cancellationToken)
    {
        var snapshot = await ListZonesAsync(cancellationToken).ConfigureAwait(false);
        var managed = snapshot.Managed;
        var perZone = new List<Endpoint>[managed.Count];
        using var gate = new SemaphoreSlim(ParallelZoneReads);
        var reads = new Task[managed.Count];
        for (var i = 0; i < managed.Count; i++)
        {
            var index = i;
            reads[i] = ReadZoneAsync(index);
        }

        await Task.WhenAll(reads).ConfigureAwait(false);
        var result = new List<Endpoint>();
        foreach (var endpoints in perZone)
        {
            result.AddRange(endpoints);
        }

        PowerDnsLog.RecordsRead(_logger, result.Count, managed.Count);
        return result;

        async Task ReadZoneAsync(int index)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var zone = await _client.GetZoneAsync(managed[index], cancellationToken).ConfigureAwait(false);
                perZone[index] = PowerDnsEndpointMapper.ToEndpoints(zone);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    /// <inheritdoc />
    public async Task ApplyChangesAsync(Changes changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (!changes.HasChanges)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var snapshot = _zones;
        if (snapshot is null || _timeProvider.GetUtcNow() - snapshot.ListedAt > ZoneListReuse)
        {
            snapshot = await ListZonesAsync(cancellationToken).ConfigureAwait(false);
        }

        var patches = PowerDnsPatchBuilder.Build(changes, snapshot.Index, _logger);
        foreach (var zonePatch in patches)
        {
            var replaced = 0;
            var deleted = 0;
            foreach (var rrset in zonePatch.Patch.RRsets)
            {
                var isDelete = rrset.ChangeType == PowerDnsChangeType.Delete;
                _ = isDelete ? deleted++ : replaced++;
                if (_logger.IsEnabled(LogLevel.Debug))
                {
                    var targets = isDelete ? string.Empty : string.Join(';', rrset.Records!.Select(r => r.Content));
                    PowerDnsLog.RRsetChange(_logger, zonePatch.Zone.Name, rrset.ChangeType!, rrset.Name, rrset.Type, targets);
                }
            }

            await _client.PatchZoneAsync(zonePatch.Zone, zonePatch.Patch, cancellationToken).ConfigureAwait(false);
            PowerDnsLog.ZonePatched(_logger, zonePatch.Zone.Name, replaced, deleted);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        PowerDnsLog.Applied(_logger, patches.Count, elapsed);
    }

    /// <summary>
    /// Drops endpoints PowerDNS would refuse (as upstream's <c>CheckEndpoint</c>: A/AAAA targets that are not
    /// addresses of that family, malformed MX/SRV, <c>alias</c> on a type other than A/AAAA/CNAME) and canonicalises
    /// the <c>alias</c> property of CNAMEs the way <see cref="RecordsAsync"/> reports it (removed at a zone apex,
    /// where ALIAS is implied, and when it is not <c>true</c>), so that it never causes an update on every run.
    /// </summary>
    public IReadOnlyList<Endpoint> AdjustEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var index = _zones?.Index;
        var result = new List<Endpoint>(endpoints.Count);
        foreach (var endpoint in endpoints)
        {
            var problem = Check(endpoint);
            if (problem is not null)
            {
                PowerDnsLog.InvalidEndpoint(_logger, endpoint.DnsName, endpoint.RecordType, endpoint.Targets, problem);
                continue;
            }

            var alias = endpoint.GetProviderSpecific(PowerDnsRecordTypes.AliasProperty);
            if (endpoint.RecordType == RecordTypes.CNAME && alias is not null)
            {
                var atApex = index is not null && index.TryFind(endpoint.DnsName, out var zoneName, out _)
                    && DnsNames.Normalize(endpoint.DnsName) == zoneName;
                if (atApex || !PowerDnsRecordTypes.HasAliasProperty(endpoint))
                {
                    var copy = endpoint.Clone();
                    copy.RemoveProviderSpecific(PowerDnsRecordTypes.AliasProperty);
                    result.Add(copy);
                    continue;
                }
            }

            result.Add(endpoint);
        }

        return result;
    }

    public void Dispose() => _client.Dispose();

    private static ProviderHttpFactory OwnHttp(ILogger logger, TimeProvider time) =>
        new(new MetricRegistry(time), time, new SingleLoggerFactory(logger ?? throw new ArgumentNullException(nameof(logger))));

    private static string? Check(Endpoint endpoint)
    {
        var hasAlias = endpoint.GetProviderSpecific(PowerDnsRecordTypes.AliasProperty) is not null;
        switch (endpoint.RecordType)
        {
            case RecordTypes.A or RecordTypes.AAAA:
                var family = endpoint.RecordType == RecordTypes.A ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
                foreach (var target in endpoint.Targets)
                {
                    if (!IpAddresses.TryParse(target, out var ip) || ip.AddressFamily != family)
                    {
                        return $"'{target}' is not an {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address";
                    }
                }

                return null;
            case RecordTypes.CNAME:
                return null;
            case RecordTypes.MX when !hasAlias:
                foreach (var target in endpoint.Targets)
                {
                    var parts = target.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (parts.Length != 2 || !ushort.TryParse(parts[0], out _))
                    {
                        return $"MX target '{target}' is not '<preference> <host>'";
                    }
                }

                return null;
            case RecordTypes.SRV when !hasAlias:
                foreach (var target in endpoint.Targets)
                {
                    var parts = target.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (parts.Length != 4 || !ushort.TryParse(parts[0], out _) || !ushort.TryParse(parts[1], out _)
                        || !ushort.TryParse(parts[2], out _) || !parts[3].EndsWith('.'))
                    {
                        return $"SRV target '{target}' is not '<priority> <weight> <port> <host>.'";
                    }
                }

                return null;
            default:
                return hasAlias ? $"the alias property is not supported on {endpoint.RecordType} records" : null;
        }
    }

    private async Task<ZoneSnapshot> ListZonesAsync(CancellationToken cancellationToken)
    {
        var zones = await _client.ListZonesAsync(cancellationToken).ConfigureAwait(false);
        var index = new ZoneIndex<PowerDnsZoneRef>();
        var all = new ZoneIndex<bool>();
        var managed = new List<PowerDnsZone>();
        foreach (var zone in zones)
        {
            if (string.IsNullOrEmpty(zone.Name))
            {
                continue;
            }

            var isManaged = _domainFilter.Match(zone.Name);
            index.Add(zone.Name, new PowerDnsZoneRef(zone, isManaged));
            all.Add(zone.Name, true);
            if (isManaged)
            {
                managed.Add(zone);
            }
        }

        PowerDnsLog.ZonesListed(_logger, index.Count, managed.Count);
        var snapshot = new ZoneSnapshot(index, managed, all.ToDomainFilter(), _timeProvider.GetUtcNow());
        _zones = snapshot;
        return snapshot;
    }

    private sealed record ZoneSnapshot(ZoneIndex<PowerDnsZoneRef> Index, IReadOnlyList<PowerDnsZone> Managed, DomainFilter AllZonesFilter, DateTimeOffset ListedAt);
}
